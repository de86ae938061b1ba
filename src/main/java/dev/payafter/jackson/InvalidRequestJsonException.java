package dev.payafter.jackson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.payafter.InvalidRequestException;

/**
 * A JSON request (or decision) that cannot be built: a value of the wrong JSON type, an unknown field, a bad enum
 * name or time, or a broken invariant of the record. The message is the {@link InvalidRequestException}'s
 * ({@code EligibilityRequest.amount: "1.001" has more than 2 decimal places ...}), which is also the cause; a host
 * answers it with a 400 naming {@link #field()} and {@link #value()}. It is a {@link JsonMappingException}, so
 * Jackson passes it on as it is (with the JSON path) instead of wrapping it in a
 * {@code ValueInstantiationException}.
 */
public final class InvalidRequestJsonException extends JsonMappingException {
    private static final long serialVersionUID = 1L;

    private final transient InvalidRequestException invalid;

    InvalidRequestJsonException(JsonParser parser, InvalidRequestException invalid) {
        super(parser, invalid.getMessage(), invalid);
        this.invalid = invalid;
    }

    /** The refused field, as {@code Type.component}. */
    public String field() {
        return invalid.field();
    }

    /** The refused value as the message shows it (bounded, escaped), or {@code null} when it was missing. */
    public String value() {
        return invalid.value();
    }

    /** The problem without the JSON path Jackson appends to {@link #getMessage()}. */
    @Override
    public String getOriginalMessage() {
        return invalid.getMessage();
    }
}
