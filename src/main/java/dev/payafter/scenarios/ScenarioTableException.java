package dev.payafter.scenarios;

import dev.payafter.PayAfterException;

/** A scenario table that cannot be read: unknown column, missing column, unparseable cell. Names file and line. */
public final class ScenarioTableException extends PayAfterException {
    private static final long serialVersionUID = 1L;

    public ScenarioTableException(String message) {
        super(message);
    }

    /** A table or record whose request broke an invariant: {@code cause} names the field. */
    public ScenarioTableException(String message, Throwable cause) {
        super(message, cause);
    }
}
