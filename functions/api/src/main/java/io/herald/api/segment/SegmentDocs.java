package io.herald.api.segment;

/** Texts of the API document that several segment operations share. */
final class SegmentDocs {

    static final String RULE = "The rule tree. A node is exactly one of: {\"all\": [rules]}, {\"any\": [rules]}, {\"not\": rule}, "
            + "{\"attribute\": name, \"op\": eq|neq|in|exists|gt|gte|lt|lte|before|after|within, \"value\": operand}, "
            + "{\"consent\": channel} (granted only), {\"locale\": tag or [tags]} (zh matches zh-CN), {\"timezone\": zone or [zones]}, "
            + "{\"event\": type, \"where\": {property: value}, \"within\": ISO-8601 duration up to the event retention (default P400D), "
            + "\"atLeast\": 1..1000 (default 1)}. At most 8 levels deep and 100 nodes. An invalid rule is a 400 whose detail names "
            + "the path, such as rule.all[1].op";

    static final String RULE_EXAMPLE = "{\"all\":[{\"consent\":\"email\"},{\"locale\":\"zh\"},"
            + "{\"event\":\"product_viewed\",\"where\":{\"sku\":\"TEA-42\"},\"within\":\"P7D\",\"atLeast\":1},"
            + "{\"not\":{\"event\":\"purchased\",\"within\":\"P7D\"}}]}";

    static final String CREATE_EXAMPLE = "{\"id\":\"tea-viewers\",\"name\":\"Viewed TEA-42 this week, did not buy\",\"rule\":" + RULE_EXAMPLE + "}";

    static final String UPDATE_EXAMPLE = "{\"name\":\"Gold tier, viewed TEA-42 this week, did not buy\",\"rule\":{\"all\":["
            + "{\"attribute\":\"tier\",\"op\":\"eq\",\"value\":\"gold\"},"
            + "{\"event\":\"product_viewed\",\"where\":{\"sku\":\"TEA-42\"},\"within\":\"P7D\"},"
            + "{\"not\":{\"event\":\"purchased\",\"within\":\"P7D\"}}]}}";

    static final String BAD_RULE = "{\"type\":\"urn:herald:problem:invalid-input\",\"title\":\"Invalid request\",\"status\":400,"
            + "\"detail\":\"rule.all[1].any[0].op: unknown operator 'equalz' (expected one of eq, neq, in, exists, gt, gte, lt, lte, "
            + "before, after, within)\",\"instance\":\"/v1/segments\"}";

    static final String NOT_FOUND = "{\"type\":\"urn:herald:problem:not-found\",\"title\":\"Not found\",\"status\":404,"
            + "\"detail\":\"segment 'tea-viewers' does not exist\",\"instance\":\"/v1/segments/tea-viewers\"}";

    private SegmentDocs() {
    }
}
