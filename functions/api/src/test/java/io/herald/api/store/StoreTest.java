package io.herald.api.store;

import io.herald.api.testing.HeraldStack;
import io.herald.core.contact.Contact;
import io.herald.core.contact.ContactDraft;
import io.herald.core.contact.ContactService;
import io.herald.core.errors.HeraldException;
import io.herald.core.store.Item;
import io.herald.core.store.KeyRange;
import io.herald.core.store.Keys;
import io.herald.core.store.Page;
import io.herald.core.store.Store;
import io.herald.core.store.Update;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store's access patterns against dynalite: cursor pages, counters, conditional updates, the contact walk. */
@QuarkusTest
@HeraldStack
class StoreTest {

    @Inject
    Store store;

    @Inject
    ContactService contacts;

    record Doc(String name) {
    }

    @Test
    void cursorPagesReadEveryItemOnceInOrder() {
        String pk = Keys.tenant("t" + UUID.randomUUID()) + "#LIST";
        for (int i = 0; i < 23; i++) {
            store.put(Item.of(pk, String.format("ITEM#%03d", i), new Doc("d" + i)));
        }
        store.put(Item.of(pk, "OTHER#1", new Doc("not in the range")));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<Doc> page = store.page(pk, KeyRange.prefix("ITEM#"), Doc.class, cursor, 5, false);
            page.items().forEach(d -> seen.add(d.name()));
            cursor = page.next();
            pages++;
        } while (cursor != null && pages < 20);
        assertThat(seen).hasSize(23).doesNotHaveDuplicates().startsWith("d0", "d1").endsWith("d22");
        assertThat(pages).isBetween(5, 6);

        Page<Doc> newest = store.page(pk, KeyRange.prefix("ITEM#"), Doc.class, null, 2, true);
        assertThat(newest.items()).extracting(Doc::name).containsExactly("d22", "d21");
        assertThat(store.page(pk, KeyRange.atMost("ITEM#002"), Doc.class, null, 50, false).items()).extracting(Doc::name)
                .containsExactly("d0", "d1", "d2");
    }

    @Test
    void aCursorForAnotherPartitionOrAForgedOneIsRefused() {
        String mine = Keys.tenant("a" + UUID.randomUUID()) + "#LIST";
        String theirs = Keys.tenant("b" + UUID.randomUUID()) + "#LIST";
        for (int i = 0; i < 3; i++) {
            store.put(Item.of(mine, "ITEM#" + i, new Doc("mine")));
            store.put(Item.of(theirs, "ITEM#" + i, new Doc("theirs")));
        }
        String theirCursor = store.page(theirs, KeyRange.all(), Doc.class, null, 1, false).next();
        assertThat(theirCursor).isNotNull();
        assertThatThrownBy(() -> store.page(mine, KeyRange.all(), Doc.class, theirCursor, 1, false))
                .isInstanceOf(HeraldException.class).hasMessageContaining("cursor");
        String forged = Base64.getUrlEncoder().encodeToString(
                ("{\"pk\":\"" + theirs + "\",\"sk\":\"ITEM#0\"}").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> store.page(mine, KeyRange.all(), Doc.class, forged, 1, false)).isInstanceOf(HeraldException.class);
        for (String garbage : List.of("%%%", "e30", "bnVsbA", "W10")) {
            assertThatThrownBy(() -> store.page(mine, KeyRange.all(), Doc.class, garbage, 1, false))
                    .as(garbage).isInstanceOf(HeraldException.class);
        }
    }

    /**
     * A cursor of this partition that another list (another key range) or a hand edit produced, or one of the table
     * handed to an index, is the caller's mistake about the cursor: a 400 saying so, not DynamoDB's refusal, which
     * the API reports as an oversized item.
     */
    @Test
    void aCursorOutsideTheQueriedRangeOrWithOtherKeysIsRefusedAsACursor() {
        String pk = Keys.tenant("r" + UUID.randomUUID()) + "#LIST";
        for (int i = 0; i < 3; i++) {
            store.put(Item.of(pk, "HEAD#" + i, new Doc("head")));
            store.put(Item.of(pk, "ITEM#" + i, new Doc("item")));
        }
        String headCursor = store.page(pk, KeyRange.prefix("HEAD#"), Doc.class, null, 1, false).next();
        assertThat(headCursor).isNotNull();
        assertThatThrownBy(() -> store.page(pk, KeyRange.prefix("ITEM#"), Doc.class, headCursor, 1, false))
                .isInstanceOf(HeraldException.class).hasMessageContaining("cursor");
        assertThatThrownBy(() -> store.page(pk, KeyRange.atMost("HEAD#"), Doc.class, headCursor, 1, false))
                .isInstanceOf(HeraldException.class).hasMessageContaining("cursor");
        assertThatThrownBy(() -> store.page(pk, KeyRange.between("ITEM#0", "ITEM#9"), Doc.class, headCursor, 1, false))
                .isInstanceOf(HeraldException.class).hasMessageContaining("cursor");
        String extraKey = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"pk\":\"" + pk + "\",\"sk\":\"ITEM#0\",\"doc\":\"x\"}").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> store.page(pk, KeyRange.all(), Doc.class, extraKey, 1, false))
                .isInstanceOf(HeraldException.class).hasMessageContaining("cursor");
        String tableCursorForAnIndex = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"gsi1pk\":\"" + pk + "\",\"pk\":\"" + pk + "\",\"sk\":\"ITEM#0\"}").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> store.pageIndex(Keys.GSI1, pk, KeyRange.all(), Doc.class, tableCursorForAnIndex, 1, false))
                .isInstanceOf(HeraldException.class).hasMessageContaining("cursor");
        // the cursor still works on the list it came from
        assertThat(store.page(pk, KeyRange.prefix("HEAD#"), Doc.class, headCursor, 10, false).items()).hasSize(2);
    }

    @Test
    void concurrentAddsAreNeverLost() throws Exception {
        String pk = Keys.tenant("c" + UUID.randomUUID()) + "#COUNTERS";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                done.add(pool.submit(() -> store.add(pk, "C", Map.of("sent", 1L, "tokens", 3L))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(store.numbers(pk, "C")).containsEntry("sent", 200L).containsEntry("tokens", 600L);
    }

    @Test
    void aConditionalUpdateAppliesOnlyFromTheExpectedState() {
        String pk = Keys.tenant("s" + UUID.randomUUID()) + "#STATE";
        store.put(Item.of(pk, "X", new Doc("v1")).withAttribute("status", "scheduled"));
        assertThat(store.update(pk, "X", Update.of().set("status", "running").add("runs", 1).ifEquals("status", "scheduled"))).isPresent();
        assertThat(store.update(pk, "X", Update.of().set("status", "running").add("runs", 1).ifEquals("status", "scheduled"))).isEmpty();
        assertThat(store.attribute(pk, "X", "status")).contains("running");
        assertThat(store.numbers(pk, "X")).containsEntry("runs", 1L);
        assertThat(store.update(pk, "MISSING", Update.of().set("status", "x").ifExists())).isEmpty();
        assertThat(store.get(pk, "MISSING", Doc.class)).isEmpty();
        assertThat(store.update(pk, "X", Update.of().remove("status").doc(new Doc("v2")).ifEquals("status", "running"))).isPresent();
        assertThat(store.attribute(pk, "X", "status")).isEmpty();
        assertThat(store.get(pk, "X", Doc.class)).contains(new Doc("v2"));
    }

    @Test
    void theWalkReadsEveryContactOfOneTenantAndNoOtherTenants() {
        String a = "walk-a-" + UUID.randomUUID();
        String b = "walk-b-" + UUID.randomUUID();
        for (int i = 0; i < 40; i++) {
            contacts.upsert(a, new ContactDraft("a-" + i, null, null, null, null, null));
        }
        for (int i = 0; i < 7; i++) {
            contacts.upsert(b, new ContactDraft("b-" + i, null, null, null, null, null));
        }
        Set<String> walked = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<Contact> page = contacts.walk(a, cursor, 6);
            assertThat(page.items().size()).isLessThanOrEqualTo(6);
            page.items().forEach(c -> assertThat(walked.add(c.id())).as("walked twice: " + c.id()).isTrue());
            cursor = page.next();
            pages++;
        } while (cursor != null && pages < 100);
        assertThat(walked).hasSize(40).allMatch(id -> id.startsWith("a-"));

        // 40 contacts in 16 shards: some shard holds two or more, so a page of one in it has a next cursor.
        int crowded = java.util.stream.IntStream.range(0, Keys.WALK_SHARDS)
                .filter(s -> contacts.walkShard(a, s, null, 2).items().size() == 2).findFirst().orElseThrow();
        String aInShard = contacts.walkShard(a, crowded, null, 1).next();
        assertThat(aInShard).isNotNull();
        assertThatThrownBy(() -> contacts.walk(b, crowded + "." + aInShard, 5)).isInstanceOf(HeraldException.class);
        assertThatThrownBy(() -> contacts.walk(a, "99", 5)).isInstanceOf(HeraldException.class);
        assertThatThrownBy(() -> contacts.walk(a, "x.y", 5)).isInstanceOf(HeraldException.class);
    }
}
