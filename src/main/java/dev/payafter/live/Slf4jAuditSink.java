package dev.payafter.live;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail through slf4j: each decision's line ({@link JsonLinesAuditSink#line}, the format of
 * rules/README.md) is logged at INFO by the logger {@value #DEFAULT_LOGGER}, so the host's logging decides where it
 * goes (a rolling file, an async appender, a log shipper). Give that logger a pattern of just the message
 * ({@code %msg%n}) and no other appender to get a file that {@code explain} and {@code diff} read as it is. Whether
 * a deciding thread waits for the disk is the host's appender's choice (Logback's {@code AsyncAppender} with
 * {@code neverBlock} does not).
 */
public final class Slf4jAuditSink implements DecisionListener {
    /** The logger's name unless the host gives one. */
    public static final String DEFAULT_LOGGER = "payafter.audit";

    private final Logger logger;

    /** A sink logging through {@value #DEFAULT_LOGGER}. */
    public Slf4jAuditSink() {
        this(LoggerFactory.getLogger(DEFAULT_LOGGER));
    }

    public Slf4jAuditSink(Logger logger) {
        this.logger = Objects.requireNonNull(logger, "logger");
    }

    @Override
    public void onDecision(DecisionRecord record) {
        if (logger.isInfoEnabled()) {
            logger.info(JsonLinesAuditSink.line(record));
        }
    }
}
