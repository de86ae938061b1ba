package dev.payafter;

import dev.payafter.internal.Checks;
import java.util.Objects;

/**
 * A request (or a part of one) broke an invariant. Thrown from the request's constructor or builder, never
 * turned into a decision. The message names the field, the rejected value and the rule it broke, for example
 * {@code CreditScore.value: 951 is outside ZHIMA's range 350..950}. The value is shown bounded, whatever was
 * handed in: at most 40 characters, control and line-breaking characters escaped ({@code \n}, <code>&#92;u2028</code>),
 * then {@code …(N chars)}; a number too large to write out is shown in scientific form ({@code 1E+999999999}).
 */
public final class InvalidRequestException extends PayAfterException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String value;

    /**
     * @param field the field, as {@code Type.component} (for example {@code RefundRequest.paidAmount})
     * @param value the rejected value, {@code null} when the field was missing; shown bounded
     * @param problem what is wrong with it, for example {@code "must not be negative"}
     */
    public InvalidRequestException(String field, Object value, String problem) {
        super(field + ": " + render(value) + " " + problem);
        this.field = Objects.requireNonNull(field, "field");
        this.value = value == null ? null : Checks.shown(value);
    }

    /** The field that was refused, as {@code Type.component}. */
    public String field() {
        return field;
    }

    /** The refused value as the message shows it (bounded, escaped), or {@code null} when the field was missing. */
    public String value() {
        return value;
    }

    private static String render(Object value) {
        if (value == null) {
            return "null";
        }
        return value instanceof CharSequence ? "\"" + Checks.shown(value) + "\"" : Checks.shown(value);
    }
}
