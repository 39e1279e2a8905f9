package io.herald.core.campaign;

import io.herald.core.campaign.content.ContentFallback;
import io.herald.core.campaign.content.ContentMode;
import io.herald.core.contact.ProfileRules;
import io.herald.core.content.Brief;
import io.herald.core.content.Channel;
import io.herald.core.content.GenerationRequests;
import io.herald.core.errors.HeraldException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a valid campaign looks like, as far as it can be told without the store: each rule names the field in its
 * message. References to other data (segment, prompts, provider account, sender domain) are checked by
 * {@link CampaignService}.
 */
final class CampaignRules {

    static final int MAX_NAME = 200;
    static final int MAX_VARIANTS = GenerationRequests.MAX_VARIANTS;
    static final int MAX_RATE_PER_MINUTE = 100_000;
    static final long MAX_TOKEN_BUDGET = 100_000_000L;
    /** How far ahead a campaign may be scheduled. */
    static final Duration MAX_AHEAD = Duration.ofDays(366);
    /** The zone offsets of the world lie between these, so a local time has passed everywhere once it has passed at -12:00. */
    static final ZoneOffset LAST_OFFSET = ZoneOffset.ofHours(-12);
    static final ZoneOffset FIRST_OFFSET = ZoneOffset.ofHours(14);
    private static final Pattern VARIANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,15}");

    private CampaignRules() {
    }

    static String name(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw HeraldException.invalid("name: required, 1 to " + MAX_NAME + " characters without control characters");
        }
        return name.strip();
    }

    static Channel channel(Channel channel) {
        if (channel != null && channel != Channel.email) {
            throw HeraldException.invalid("channel: '" + channel + "' campaigns are not supported yet; use 'email'");
        }
        return Channel.email;
    }

    static Brief brief(Brief brief) {
        return GenerationRequests.brief(brief);
    }

    /** Ids, count and prompt names; the prompt versions themselves are resolved by the service. */
    static void variants(List<VariantSpec> variants) {
        if (variants == null || variants.isEmpty() || variants.size() > MAX_VARIANTS) {
            throw HeraldException.invalid("variants: required, 1 to " + MAX_VARIANTS + " variants such as [{\"id\":\"A\"}]");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < variants.size(); i++) {
            VariantSpec variant = variants.get(i);
            String field = "variants[" + i + "]";
            if (variant == null || variant.id() == null || !VARIANT_ID.matcher(variant.id()).matches()) {
                throw HeraldException.invalid(field + ".id: required, 1 to 16 letters, digits, '-' or '_', such as \"A\"");
            }
            if (!ids.add(variant.id())) {
                throw HeraldException.invalid(field + ".id: '" + variant.id() + "' is used by another variant");
            }
            if (variant.prompt() != null && variant.prompt().name() == null) {
                throw HeraldException.invalid(field + ".prompt.name: required when a prompt is given; omit prompt for the built-in one");
            }
            if (variant.prompt() != null && variant.prompt().version() != null && variant.prompt().version() < 1) {
                throw HeraldException.invalid(field + ".prompt.version: must be 1 or more");
            }
        }
    }

    static void segment(CampaignSegment segment) {
        if (segment == null || segment.id() == null || segment.id().isBlank()) {
            throw HeraldException.invalid("segment: required, {\"id\": ..., \"version\": ...} (version optional: the latest)");
        }
        if (segment.version() != null && segment.version() < 1) {
            throw HeraldException.invalid("segment.version: must be 1 or more");
        }
    }

    static Sender sender(Sender sender) {
        if (sender == null || sender.from() == null) {
            throw HeraldException.invalid("sender.from: required, an address such as \"Acme <news@mail.acme.example>\"");
        }
        if (!ProfileRules.isEmail(sender.address()) || sender.from().chars().anyMatch(Character::isISOControl)) {
            throw HeraldException.invalid("sender.from: '" + sender.from() + "' is not an address such as \"Acme <news@mail.acme.example>\"");
        }
        if (sender.replyTo() != null && !ProfileRules.isEmail(sender.replyTo())) {
            throw HeraldException.invalid("sender.replyTo: '" + sender.replyTo() + "' is not an email address");
        }
        return new Sender(sender.from().strip(), sender.replyTo());
    }

    static int rateLimit(Integer perMinute, int defaultPerMinute) {
        int rate = perMinute == null ? defaultPerMinute : perMinute;
        if (rate < 1 || rate > MAX_RATE_PER_MINUTE) {
            throw HeraldException.invalid("rateLimitPerMinute: " + rate + " is not between 1 and " + MAX_RATE_PER_MINUTE);
        }
        return rate;
    }

    static Schedule schedule(Schedule schedule, Instant now) {
        if (schedule == null || schedule.type() == null) {
            throw HeraldException.invalid("schedule.type: required, one of now, at, localTime");
        }
        String zone = schedule.defaultZone() == null ? Schedule.UTC : schedule.defaultZone();
        if (!ZoneId.getAvailableZoneIds().contains(zone)) {
            throw HeraldException.invalid("schedule.defaultZone: '" + zone + "' is not an IANA time zone such as Europe/Paris or Asia/Shanghai");
        }
        switch (schedule.type()) {
            case now -> refuse(schedule.at() != null || schedule.date() != null || schedule.time() != null,
                    "schedule: type 'now' takes no at, date or time");
            case at -> {
                refuse(schedule.date() != null || schedule.time() != null, "schedule: type 'at' takes at, not date or time");
                refuse(schedule.at() == null, "schedule.at: required for type 'at', an instant such as 2026-06-02T09:00:00Z");
                refuse(schedule.at().isBefore(now), "schedule.at: " + schedule.at() + " is in the past (now is " + now + ")");
                refuse(schedule.at().isAfter(now.plus(MAX_AHEAD)), "schedule.at: at most " + MAX_AHEAD.toDays() + " days ahead");
            }
            case localTime -> {
                refuse(schedule.at() != null, "schedule.at: only for type 'at'; type 'localTime' takes date and time");
                refuse(schedule.date() == null || schedule.time() == null,
                        "schedule: type 'localTime' needs date (2026-06-02) and time (09:00), the local time in each recipient's zone");
                refuse(!DailyTimes.isWholeMinute(schedule.time()), "schedule.time: whole minutes only, such as 09:30");
                Instant lastPlaceOnEarth = schedule.date().atTime(schedule.time()).toInstant(LAST_OFFSET);
                refuse(lastPlaceOnEarth.isBefore(now), "schedule: " + schedule.date() + " " + schedule.time()
                        + " has passed in every time zone (now is " + now + ")");
                refuse(lastPlaceOnEarth.isAfter(now.plus(MAX_AHEAD)), "schedule.date: at most " + MAX_AHEAD.toDays() + " days ahead");
            }
        }
        return new Schedule(schedule.type(), schedule.at(), schedule.date(), schedule.time(), zone);
    }

    static void window(SendWindow window, QuietHours quiet) {
        if (window != null) {
            times("sendWindow", window.start(), window.end());
            refuse(window.start().equals(window.end()), "sendWindow: " + window + " is empty (start equals end); omit sendWindow to allow any time");
        }
        if (quiet != null) {
            times("quietHours", quiet.start(), quiet.end());
            refuse(quiet.start().equals(quiet.end()), "quietHours: " + quiet + " is empty (start equals end); omit quietHours for none");
        }
        refuse(SendTimePlanner.allowedMinutes(window, quiet).isEmpty(),
                "quietHours: " + quiet + " cover the whole sendWindow " + (window == null ? "(any time)" : window) + "; nothing could be sent");
    }

    /**
     * The content options with their defaults, checked by the content capability's own rules (the allowed merge fields,
     * their defaults, the groupBy attribute, the token budget), so that nothing accepted here is refused by the worker.
     */
    static ContentOptions content(ContentOptions content, Brief brief, List<VariantSpec> variants) {
        ContentOptions options = content == null ? ContentOptions.defaults() : content;
        Map<String, String> fields = options.mergeFields() == null ? Map.of() : options.mergeFields();
        refuse(fields.values().stream().anyMatch(java.util.Objects::isNull), "content.mergeFields: every field needs a default (\"\" for none)");
        ContentOptions filled = new ContentOptions(options.groupBy(), Map.copyOf(fields),
                options.fallback() == null ? ContentFallback.template : options.fallback(),
                options.mode() == null ? ContentMode.perVariant : options.mode(), options.tokenBudget());
        refuse(filled.mode() == ContentMode.perVariant && filled.tokenBudget() != null, "content.tokenBudget: only for mode perRecipient");
        refuse(filled.tokenBudget() != null && filled.tokenBudget() > MAX_TOKEN_BUDGET, "content.tokenBudget: at most " + MAX_TOKEN_BUDGET + " tokens");
        try {
            Campaign.contentSpec(null, brief, variants, filled).validate();
        } catch (HeraldException refused) {
            throw HeraldException.invalid("content." + refused.detail());
        }
        return filled;
    }

    /** Whether the domain is one of the tenant's sender domains or a subdomain of one. */
    static boolean isSenderDomain(String domain, List<String> allowed) {
        return allowed.stream().map(d -> d.toLowerCase(java.util.Locale.ROOT))
                .anyMatch(d -> domain.equals(d) || domain.endsWith("." + d));
    }

    private static void times(String field, LocalTime start, LocalTime end) {
        refuse(start == null || end == null, field + ": start and end are required, local times such as 08:00");
        refuse(!DailyTimes.isWholeMinute(start) || !DailyTimes.isWholeMinute(end), field + ": whole minutes only, such as 08:30");
    }

    private static void refuse(boolean wrong, String detail) {
        if (wrong) {
            throw HeraldException.invalid(detail);
        }
    }
}
