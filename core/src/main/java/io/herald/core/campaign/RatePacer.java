package io.herald.core.campaign;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Spreads sends so that no 60-second span, wherever it starts, holds more than {@code perMinute} of them.
 *
 * <p>Each clock minute has {@code perMinute} evenly spaced slots; a send takes the first free slot at or after the
 * instant it wants, and the slots of a minute are handed out in order (a skipped slot is not reused). Then any
 * span [t, t+60 s) sees the slots of one minute from some index on and those of the next minute below that index:
 * at most {@code perMinute} together. Minutes are independent, so recipients planned out of time order (one zone,
 * then another) do not delay each other unless they want the same minute.
 *
 * <p>Not thread-safe: one planner run owns one pacer. {@link #usage()} and {@link #restore} let the planner carry the
 * taken slots from one run to the next.
 */
public final class RatePacer {

    private static final long NANOS_PER_MINUTE = 60_000_000_000L;
    /** Keeps the slot arithmetic (nanoseconds times the rate) far from overflow. */
    public static final int MAX_PER_MINUTE = 1_000_000;

    private final int perMinute;
    /** Epoch minute to the index of its next free slot. */
    private final TreeMap<Long, Integer> nextSlot;

    public RatePacer(int perMinute) {
        this(perMinute, Map.of());
    }

    private RatePacer(int perMinute, Map<Long, Integer> usage) {
        if (perMinute < 1 || perMinute > MAX_PER_MINUTE) {
            throw new IllegalArgumentException("perMinute must be 1 to " + MAX_PER_MINUTE);
        }
        this.perMinute = perMinute;
        this.nextSlot = new TreeMap<>(usage);
    }

    /** A pacer that continues from a stored {@link #usage()}. */
    public static RatePacer restore(int perMinute, Map<Long, Integer> usage) {
        return new RatePacer(perMinute, usage);
    }

    public int perMinute() {
        return perMinute;
    }

    /** The slot a send wanting {@code wanted} would get, without taking it. */
    public Instant peek(Instant wanted) {
        long minute = Math.floorDiv(wanted.getEpochSecond(), 60);
        long nanosIntoMinute = (wanted.getEpochSecond() - minute * 60) * 1_000_000_000L + wanted.getNano();
        int slot = Math.max(nextSlot.getOrDefault(minute, 0), firstSlotAtOrAfter(nanosIntoMinute));
        while (slot >= perMinute) {
            minute++;
            slot = nextSlot.getOrDefault(minute, 0);
        }
        return slotInstant(minute, slot);
    }

    /** Takes the slot for a send wanting {@code wanted} and answers its instant (at or after {@code wanted}). */
    public Instant reserve(Instant wanted) {
        Instant slot = peek(wanted);
        long minute = Math.floorDiv(slot.getEpochSecond(), 60);
        long nanosIntoMinute = (slot.getEpochSecond() - minute * 60) * 1_000_000_000L + slot.getNano();
        nextSlot.put(minute, firstSlotAtOrAfter(nanosIntoMinute) + 1);
        return slot;
    }

    /** The taken slots, by epoch minute (the index of each minute's next free slot), for {@link #restore}. */
    public Map<Long, Integer> usage() {
        return Map.copyOf(nextSlot);
    }

    /** Drops what is known about minutes before {@code instant}: nothing can be planned there any more. */
    public void forgetBefore(Instant instant) {
        nextSlot.headMap(Math.floorDiv(instant.getEpochSecond(), 60)).clear();
    }

    /** Slot k starts at floor(k * 60 s / perMinute), so the first one at or after t is ceil(t * perMinute / 60 s). */
    private int firstSlotAtOrAfter(long nanosIntoMinute) {
        long k = Math.floorDiv(nanosIntoMinute * perMinute + NANOS_PER_MINUTE - 1, NANOS_PER_MINUTE);
        return (int) Math.min(k, perMinute);
    }

    private long slotOffset(long k) {
        return k >= perMinute ? NANOS_PER_MINUTE : Math.floorDiv(k * NANOS_PER_MINUTE, perMinute);
    }

    private Instant slotInstant(long minute, int slot) {
        return Instant.ofEpochSecond(minute * 60).plusNanos(slotOffset(slot));
    }
}
