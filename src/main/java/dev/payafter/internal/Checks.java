package dev.payafter.internal;

import dev.payafter.InvalidRequestException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Collection;

/**
 * Invariant checks shared by the request records. Every failure is an {@link InvalidRequestException} naming
 * the field and the value. Not part of the public API.
 */
public final class Checks {
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
        if (value.isBlank()) {
            throw new InvalidRequestException(field, value, "must not be blank");
        }
        return value;
    }

    /**
     * Money in yuan: present, not negative, at most 2 decimal places once trailing zeros are dropped
     * ({@code 1.500} is accepted as {@code 1.50}; {@code 1.505} is refused). Returned at scale 2.
     */
    public static BigDecimal money(String field, BigDecimal value) {
        present(field, value);
        if (value.signum() < 0) {
            throw new InvalidRequestException(field, value.toPlainString(), "must not be negative");
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw new InvalidRequestException(field, value.toPlainString(),
                    "has more than 2 decimal places (money is in yuan, to the fen)");
        }
        return value.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** Money that must be more than zero. */
    public static BigDecimal positiveMoney(String field, BigDecimal value) {
        BigDecimal money = money(field, value);
        if (money.signum() == 0) {
            throw new InvalidRequestException(field, value.toPlainString(), "must be more than 0");
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

    public static BigDecimal percent(String field, BigDecimal value) {
        present(field, value);
        if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new InvalidRequestException(field, value.toPlainString(), "must be between 0 and 100");
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
}
