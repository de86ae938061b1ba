package dev.payafter.tools.backtest;

import dev.payafter.PayAfterException;

/**
 * A recorded decision or an outcome that cannot be read, as one line {@code file:line: field: value: why}, with the
 * file name and the value escaped and bounded (a hostile file cannot forge or flood the report).
 */
public final class BacktestInputException extends PayAfterException {
    private static final long serialVersionUID = 1L;

    public BacktestInputException(String message) {
        super(message);
    }
}
