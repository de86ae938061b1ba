package dev.payafter;

import java.util.Objects;

/**
 * A request (or a part of one) broke an invariant. Thrown from the request's constructor or builder, never
 * turned into a decision. The message names the field, the rejected value and the rule it broke, for example
 * {@code Consumer.creditScores[ZHIMA]: 951 is outside ZHIMA's range 350..950}.
 */
public final class InvalidRequestException extends PayAfterException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String value;

    /**
     * @param field the field, as {@code Type.component} (for example {@code RefundRequest.paidAmount})
     * @param value the rejected value, {@code null} when the field was missing
     * @param problem what is wrong with it, for example {@code "must not be negative"}
     */
    public InvalidRequestException(String field, Object value, String problem) {
        super(field + ": " + render(value) + " " + problem);
        this.field = Objects.requireNonNull(field, "field");
        this.value = value == null ? null : String.valueOf(value);
    }

    /** The field that was refused, as {@code Type.component}. */
    public String field() {
        return field;
    }

    /** The refused value as text, or {@code null} when the field was missing. */
    public String value() {
        return value;
    }

    private static String render(Object value) {
        if (value == null) {
            return "null";
        }
        return value instanceof CharSequence ? "\"" + value + "\"" : String.valueOf(value);
    }
}
