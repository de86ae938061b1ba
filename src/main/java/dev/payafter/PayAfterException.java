package dev.payafter;

/**
 * The root of every exception this library throws. Unchecked: a host catches it where it can act on it.
 *
 * <p>Subclasses: {@link InvalidRequestException} (a request broke an invariant; names the field and value)
 * and {@link RuleCompilationException} (a rule set did not compile; lists every problem with file and line).
 */
public class PayAfterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PayAfterException(String message) {
        super(message);
    }

    public PayAfterException(String message, Throwable cause) {
        super(message, cause);
    }
}
