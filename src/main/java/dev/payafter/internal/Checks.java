package dev.payafter.internal;

import dev.payafter.InvalidRequestException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;

/**
 * Invariant checks shared by the request records. Every failure is an {@link InvalidRequestException} naming
 * the field and the value. Not part of the public API.
 *
 * <p>Every number is checked by its size before any arithmetic, comparison or formatting: a {@link BigDecimal}'s
 * digits ({@code unscaledValue().bitLength()}, then {@code precision()}), magnitude ({@code precision() - scale()})
 * and scale are read first, since {@code setScale}, {@code stripTrailingZeros}, {@code compareTo} and
 * {@code toPlainString} can take minutes or all the heap on a value like {@code 1E+999999999}. The bounds:
 * <ul>
 *   <li>money: at most {@value #MAX_DIGITS} digits, under {@code 10^}{@value #MONEY_INTEGER_DIGITS} yuan, at most 2
 *       decimal places once trailing zeros are dropped, not negative;</li>
 *   <li>a percentage: at most {@value #MAX_DIGITS} digits, 0 to 100, at most {@value #PERCENT_DECIMALS} decimal
 *       places once trailing zeros are dropped;</li>
 *   <li>any number: written with at most {@value #MAX_DIGITS} places after the point and no exponent beyond
 *       {@code 10^}{@value #MAX_DIGITS} ({@code 0E-999999999} is refused, not stripped);</li>
 *   <li>ids: at most {@value #MAX_ID_LENGTH} characters; times: from {@link #EARLIEST} to {@link #LATEST};
 *       failed deduction attempts: at most {@value #MAX_FAILED_ATTEMPTS}.</li>
 * </ul>
 * A value shown in a message is bounded too ({@link #shown}): at most {@value #SHOWN_CHARS} characters, control
 * and line-breaking characters escaped, then {@code …(N chars)}.
 */
public final class Checks {
    /** The most significant digits any number of a request may have. */
    public static final int MAX_DIGITS = 30;
    /** Money is under 10^12 yuan. */
    public static final int MONEY_INTEGER_DIGITS = 12;
    /** The most decimal places of a percentage (trailing zeros aside). */
    public static final int PERCENT_DECIMALS = 6;
    /** The longest id. */
    public static final int MAX_ID_LENGTH = 200;
    /** The most failed deduction attempts a request may list. */
    public static final int MAX_FAILED_ATTEMPTS = 1000;
    /** The earliest time a request may carry. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    /** The latest time a request may carry. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    /** How many characters of a value a message shows. */
    public static final int SHOWN_CHARS = 40;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** Over this many bits a number's text is not even computed for a message. */
    private static final int TEXT_BITS = 4096;

    private Checks() {
    }

    public static <T> T present(String field, T value) {
        if (value == null) {
            throw new InvalidRequestException(field, null, "is required");
        }
        return value;
    }

    public static String id(String field, String value) {
        present(field, value);
        if (value.length() > MAX_ID_LENGTH) {
            throw new InvalidRequestException(field, value, "is longer than " + MAX_ID_LENGTH + " characters");
        }
        if (value.isBlank()) {
            throw new InvalidRequestException(field, value, "must not be blank");
        }
        return value;
    }

    /**
     * Money in yuan: present, not negative, at most {@value #MAX_DIGITS} digits, under 10^12, at most 2 decimal
     * places once trailing zeros are dropped ({@code 1.500} is accepted as {@code 1.50}; {@code 1.505} is refused).
     * Returned at scale 2. The size is checked before any arithmetic.
     */
    public static BigDecimal money(String field, BigDecimal value) {
        present(field, value);
        if (value.signum() < 0) {
            throw new InvalidRequestException(field, numberText(value), "must not be negative");
        }
        BigDecimal stripped = bounded(field, value, MONEY_INTEGER_DIGITS, 2,
                "must be under 1000000000000 (10^12 yuan)",
                "has more than 2 decimal places (money is in yuan, to the fen)");
        return stripped.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** Money that must be more than zero. */
    public static BigDecimal positiveMoney(String field, BigDecimal value) {
        BigDecimal money = money(field, value);
        if (money.signum() == 0) {
            throw new InvalidRequestException(field, numberText(value), "must be more than 0");
        }
        return money;
    }

    /** Optional money: {@code null} stays {@code null}. */
    public static BigDecimal optionalMoney(String field, BigDecimal value) {
        return value == null ? null : money(field, value);
    }

    public static int notNegative(String field, int value) {
        if (value < 0) {
            throw new InvalidRequestException(field, value, "must be 0 or more");
        }
        return value;
    }

    /**
     * A percentage: present, 0 to 100, at most {@value #MAX_DIGITS} digits and {@value #PERCENT_DECIMALS} decimal
     * places once trailing zeros are dropped. Returned as given.
     */
    public static BigDecimal percent(String field, BigDecimal value) {
        present(field, value);
        if (value.signum() < 0) {
            throw new InvalidRequestException(field, numberText(value), "must be between 0 and 100");
        }
        bounded(field, value, 3, PERCENT_DECIMALS, "must be between 0 and 100",
                "has more than " + PERCENT_DECIMALS + " decimal places");
        if (value.compareTo(HUNDRED) > 0) { // both sizes are bounded now
            throw new InvalidRequestException(field, numberText(value), "must be between 0 and 100");
        }
        return value;
    }

    /**
     * The size checks of a number not negative, cheapest first; returns it without trailing zeros.
     *
     * @param integerDigits the value must be under {@code 10^integerDigits}
     * @param decimals the most decimal places once trailing zeros are dropped
     */
    private static BigDecimal bounded(String field, BigDecimal value, int integerDigits, int decimals,
            String tooLarge, String tooManyDecimals) {
        if (value.unscaledValue().bitLength() > 128 || value.precision() > MAX_DIGITS) {
            throw new InvalidRequestException(field, numberText(value), "has more than " + MAX_DIGITS + " digits");
        }
        if (value.signum() != 0 && (long) value.precision() - value.scale() > integerDigits) {
            throw new InvalidRequestException(field, numberText(value), tooLarge);
        }
        if (value.scale() > MAX_DIGITS || value.scale() < -MAX_DIGITS) {
            throw new InvalidRequestException(field, numberText(value), "is written with "
                    + (value.scale() > 0 ? "more than " + MAX_DIGITS + " decimal places"
                    : "an exponent beyond 10^" + MAX_DIGITS));
        }
        BigDecimal stripped = value.stripTrailingZeros(); // at most MAX_DIGITS digits, scale within +-MAX_DIGITS
        if (stripped.scale() > decimals) {
            throw new InvalidRequestException(field, numberText(value), tooManyDecimals);
        }
        return stripped;
    }

    /** A time within {@link #EARLIEST} and {@link #LATEST} (or {@code null}, which stays {@code null}). */
    public static Instant time(String field, Instant value) {
        if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
            throw new InvalidRequestException(field, value, "is outside " + EARLIEST + " .. " + LATEST);
        }
        return value;
    }

    /** {@code later} (if present) must not be before {@code earlier} (if present). */
    public static void notBefore(String laterField, Instant later, String earlierField, Instant earlier) {
        if (later != null && earlier != null && later.isBefore(earlier)) {
            throw new InvalidRequestException(laterField, later, "is before " + earlierField + " " + earlier);
        }
    }

    public static <T> void noNulls(String field, Collection<T> values) {
        present(field, values);
        int i = 0;
        for (T value : values) {
            if (value == null) {
                throw new InvalidRequestException(field + "[" + i + "]", null, "is required");
            }
            i++;
        }
    }

    /** At most {@code max} values. */
    public static <T> void atMost(String field, Collection<T> values, int max) {
        present(field, values);
        if (values.size() > max) {
            throw new InvalidRequestException(field, values, "has " + values.size() + " entries, more than " + max);
        }
    }

    // ---- showing values in messages --------------------------------------------------------------------------

    /**
     * A number as text, cheaply: its plain form when short, else its scientific form ({@code 1E+999999999}),
     * and for a number of more than about 1,200 digits only how many it has. Exact whenever a text is given.
     */
    public static String numberText(BigDecimal value) {
        int bits = value.unscaledValue().bitLength();
        if (bits > TEXT_BITS) {
            return "(a number of about " + (long) (bits * 0.30103) + " digits)";
        }
        if (bits <= 128 && value.scale() <= 64 && value.scale() >= -64) {
            return value.toPlainString();
        }
        return value.toString();
    }

    /**
     * A value as a message shows it: a number by {@link #numberText}, a collection by its first items, anything
     * else by {@code String.valueOf}; then at most {@value #SHOWN_CHARS} characters, control, format and
     * line-breaking characters and lone surrogates escaped ({@code \n}, <code>&#92;u001b</code>), and {@code …(N chars)}
     * when the text was longer.
     */
    public static String shown(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof BigDecimal number) {
            return prefix(numberText(number));
        }
        if (value instanceof Collection<?> collection) {
            return list(collection);
        }
        return prefix(String.valueOf(value));
    }

    private static String list(Collection<?> values) {
        StringBuilder raw = new StringBuilder("[");
        Iterator<?> items = values.iterator();
        while (items.hasNext() && raw.length() <= SHOWN_CHARS) {
            if (raw.length() > 1) {
                raw.append(", ");
            }
            Object item = items.next();
            String text = item instanceof BigDecimal number ? numberText(number) : String.valueOf(item);
            raw.append(text, 0, Math.min(text.length(), SHOWN_CHARS + 1));
        }
        boolean all = !items.hasNext();
        if (all) {
            raw.append(']');
        }
        StringBuilder out = new StringBuilder();
        boolean whole = escapedPrefix(raw.toString(), out);
        return all && whole ? out.toString() : out.append("…(").append(values.size()).append(" items)").toString();
    }

    private static String prefix(String text) {
        StringBuilder out = new StringBuilder();
        if (escapedPrefix(text, out)) {
            return out.toString();
        }
        return out.append("…(").append(text.length()).append(" chars)").toString();
    }

    /**
     * Appends {@code text}, escaped, until {@value #SHOWN_CHARS} characters are written (a surrogate pair is never
     * split); returns whether all of it was.
     */
    private static boolean escapedPrefix(String text, StringBuilder out) {
        int i = 0;
        while (i < text.length() && out.length() < SHOWN_CHARS) {
            char c = text.charAt(i);
            String escape = escape(text, i, c);
            if (escape != null) {
                out.append(escape);
            } else if (Character.isHighSurrogate(c)) {
                out.append(c).append(text.charAt(++i)); // a pair: escape() let it through
            } else {
                out.append(c);
            }
            i++;
        }
        return i >= text.length();
    }

    /**
     * {@code text} with every character that could break a line or fool a terminal escaped: C0 and C1 controls
     * (tab and line breaks as {@code \t}, {@code \n}, {@code \r}), U+2028, U+2029, format characters (such as
     * U+202E) and lone surrogates as <code>&#92;uXXXX</code>; a backslash stays as it is. For file names and values in
     * messages; any length.
     */
    public static String escaped(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = escape(text, i, c);
            if (escape == null) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            out.append(escape);
        }
        return out == null ? text : out.toString();
    }

    private static String escape(String text, int i, char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)) ? null : hex(c);
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(text.charAt(i - 1)) ? null : hex(c);
        }
        int type = Character.getType(c);
        if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR) {
            return hex(c);
        }
        return null;
    }

    private static String hex(char c) {
        return String.format("\\u%04x", (int) c);
    }
}
