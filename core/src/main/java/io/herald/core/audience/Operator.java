package io.herald.core.audience;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The comparisons an attribute condition can make, and the operand each one takes. */
public enum Operator {
    /** Equal to a string, number or boolean; an array attribute matches when one of its elements is equal. */
    eq("a string, number or boolean"),
    /** Not {@code eq}: also matches contacts without the attribute. */
    neq("a string, number or boolean"),
    /** Equal to one of the values. */
    in("a non-empty array of strings, numbers or booleans"),
    /** The attribute is present and not null. */
    exists("no value"),
    gt("a number"),
    gte("a number"),
    lt("a number"),
    lte("a number"),
    /** An ISO date or date-time strictly before the operand. */
    before("an ISO date (2026-01-31) or date-time (2026-01-31T09:00:00Z)"),
    /** An ISO date or date-time strictly after the operand. */
    after("an ISO date (2026-01-31) or date-time (2026-01-31T09:00:00Z)"),
    /** An ISO date or date-time in the last {@code value} (an ISO-8601 duration), up to now. */
    within("an ISO-8601 duration such as P30D or PT12H");

    private final String operand;

    Operator(String operand) {
        this.operand = operand;
    }

    /** What the operand must be, for error messages. */
    public String operand() {
        return operand;
    }

    static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
