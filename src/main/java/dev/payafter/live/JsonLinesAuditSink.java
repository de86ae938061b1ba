package dev.payafter.live;

import dev.payafter.PayAfterException;
import dev.payafter.internal.Json;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An audit trail in JSON Lines: one line per decision with when, the profile, the rule-set version, how long it
 * took, the whole request and the whole decision (outcome, every reason with its rule, fired rules). Enough to
 * answer "why was this consumer refused on the 3rd?" from the file alone, for example with
 * {@code grep '"id":"alice"' audit.jsonl | grep '"decidedAt":"2026-03-03'}. The line's format is documented in
 * rules/README.md ("Requests and decisions as JSON"); {@code explain} and {@code diff} read it back.
 *
 * <p>A deciding thread never waits for the disk: {@link #onDecision} makes the line and puts it on a bounded queue
 * ({@value #DEFAULT_QUEUE_LINES} lines unless told otherwise); one writer thread of the sink appends and flushes
 * them. When the queue is full (the disk is slower than the decisions, or stalled) the line is <em>dropped</em>,
 * never waited for: {@link #dropped()} counts them and a WARN says so (the first drop, then at most once a minute,
 * with the count). A write that fails is logged at ERROR and counted in {@link #failed()}; the sink goes on with
 * the next line. {@link #close()} writes every queued line, then closes the file.
 *
 * <p>When the file would pass {@code maxBytes} it is rotated: {@code audit.jsonl} becomes {@code audit.jsonl.1},
 * {@code .1} becomes {@code .2}, and so on up to {@code maxFiles} old files; the oldest is deleted. Each line is
 * written whole; lines never interleave. Money is written as strings ({@code "199.00"}). For a host's own
 * logging (rolling, async appenders, shipping), {@link Slf4jAuditSink} writes the same line through slf4j.
 */
public final class JsonLinesAuditSink implements DecisionListener, Closeable {
    /** The queue's size unless the host gives one. */
    public static final int DEFAULT_QUEUE_LINES = 8192;
    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesAuditSink.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final byte[] END = new byte[0];

    private final Path file;
    private final long maxBytes;
    private final int maxFiles;
    private final BlockingQueue<byte[]> queue;
    private final Thread writer;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lastWarn = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private volatile boolean closed;
    private OutputStream out; // the writer thread's only
    private long size;

    /**
     * A sink with a queue of {@value #DEFAULT_QUEUE_LINES} lines.
     *
     * @param file the current audit file (created, or appended to)
     * @param maxBytes the size at which it is rotated, at least 1024
     * @param maxFiles how many rotated files to keep, at least 1
     */
    public JsonLinesAuditSink(Path file, long maxBytes, int maxFiles) {
        this(file, maxBytes, maxFiles, DEFAULT_QUEUE_LINES);
    }

    /**
     * @param queueLines how many lines may wait for the disk before new ones are dropped, at least 1
     */
    public JsonLinesAuditSink(Path file, long maxBytes, int maxFiles, int queueLines) {
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("maxBytes must be at least 1024: " + maxBytes);
        }
        if (maxFiles < 1) {
            throw new IllegalArgumentException("maxFiles must be at least 1: " + maxFiles);
        }
        if (queueLines < 1) {
            throw new IllegalArgumentException("queueLines must be at least 1: " + queueLines);
        }
        this.file = file.toAbsolutePath();
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
        this.queue = new ArrayBlockingQueue<>(queueLines);
        try {
            Files.createDirectories(this.file.getParent());
            open();
        } catch (IOException e) {
            throw new PayAfterException("cannot open audit file " + this.file, e);
        }
        this.writer = new Thread(this::writeLoop, "payafter-audit-" + this.file.getFileName());
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** The line this sink writes for {@code record}, without the line break. */
    public static String line(DecisionRecord record) {
        StringBuilder out = new StringBuilder(1024);
        out.append('{');
        Json.member(out, true, "decidedAt");
        Json.write(out, record.decidedAt());
        Json.member(out, false, "kind");
        Json.write(out, record.kind());
        Json.member(out, false, "profile");
        Json.write(out, record.profile());
        Json.member(out, false, "elapsedMicros");
        Json.write(out, record.elapsedNanos() / 1_000);
        Json.member(out, false, "servedByChallenger");
        Json.write(out, record.servedByChallenger());
        Json.member(out, false, "request");
        Json.write(out, record.request());
        Json.member(out, false, "decision");
        Json.write(out, record.decision());
        out.append('}');
        return out.toString();
    }

    /** Queues the decision's line; never blocks. After {@link #close()} it throws (and the engine logs it). */
    @Override
    public void onDecision(DecisionRecord record) {
        if (closed) {
            throw new IllegalStateException("audit sink " + file + " is closed");
        }
        byte[] bytes = (line(record) + "\n").getBytes(StandardCharsets.UTF_8);
        if (!queue.offer(bytes)) {
            long count = dropped.incrementAndGet();
            long now = System.nanoTime();
            long last = lastWarn.get();
            if (count == 1 || (now - last >= WARN_EVERY_NANOS && lastWarn.compareAndSet(last, now))) {
                LOG.warn("audit queue of {} is full ({} lines): {} decision line(s) dropped so far, the disk is slower"
                        + " than the decisions", file, queue.remainingCapacity() + queue.size(), count);
            }
        }
    }

    /** How many lines were dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** How many lines could not be written (an I/O error, logged). */
    public long failed() {
        return failed.get();
    }

    /** The current file. */
    public Path file() {
        return file;
    }

    /** Writes every queued line, then closes the file; waits for the writer thread at most 30 seconds. */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            queue.put(END);
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            writer.interrupt();
            throw new IOException("audit writer of " + file + " did not finish within 30 s");
        }
    }

    private void writeLoop() {
        try {
            while (true) {
                byte[] line = queue.take();
                if (line == END) {
                    break;
                }
                write(line);
                if (queue.isEmpty()) {
                    flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            flush();
            try {
                out.close();
            } catch (IOException e) {
                LOG.error("cannot close audit file {}", file, e);
            }
        }
    }

    private void write(byte[] bytes) {
        try {
            if (size > 0 && size + bytes.length > maxBytes) {
                rotate();
            }
            out.write(bytes);
            size += bytes.length;
        } catch (IOException e) {
            failed.incrementAndGet();
            LOG.error("cannot append to audit file {} ({} line(s) failed so far)", file, failed.get(), e);
        }
    }

    private void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            LOG.error("cannot flush audit file {}", file, e);
        }
    }

    private void open() throws IOException {
        out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), 64 * 1024);
        size = Files.size(file);
    }

    private void rotate() throws IOException {
        out.close();
        Files.deleteIfExists(rotated(maxFiles));
        for (int i = maxFiles - 1; i >= 1; i--) {
            if (Files.exists(rotated(i))) {
                Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    private Path rotated(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }
}
