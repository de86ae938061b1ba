package dev.payafter.live;

import dev.payafter.PayAfterException;
import dev.payafter.internal.Json;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An audit trail in JSON Lines: one line per decision with when, the profile, the rule-set version, how long it
 * took, the whole request and the whole decision (outcome, every reason with its rule, fired rules). Enough to
 * answer "why was this consumer refused on the 3rd?" from the file alone, for example with
 * {@code grep '"id":"alice"' audit.jsonl | grep '"decidedAt":"2026-03-03'}.
 *
 * <p>When the file would pass {@code maxBytes} it is rotated: {@code audit.jsonl} becomes {@code audit.jsonl.1},
 * {@code .1} becomes {@code .2}, and so on up to {@code maxFiles} old files; the oldest is deleted. Each line is
 * written and flushed whole; threads never interleave lines. Money is written as strings ({@code "199.00"}).
 */
public final class JsonLinesAuditSink implements DecisionListener, Closeable {
    private final Path file;
    private final long maxBytes;
    private final int maxFiles;
    private OutputStream out;
    private long size;

    /**
     * @param file the current audit file (created, or appended to)
     * @param maxBytes the size at which it is rotated, at least 1024
     * @param maxFiles how many rotated files to keep, at least 1
     */
    public JsonLinesAuditSink(Path file, long maxBytes, int maxFiles) {
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("maxBytes must be at least 1024: " + maxBytes);
        }
        if (maxFiles < 1) {
            throw new IllegalArgumentException("maxFiles must be at least 1: " + maxFiles);
        }
        this.file = file.toAbsolutePath();
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
        try {
            Files.createDirectories(this.file.getParent());
            open();
        } catch (IOException e) {
            throw new PayAfterException("cannot open audit file " + this.file, e);
        }
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

    @Override
    public void onDecision(DecisionRecord record) {
        byte[] bytes = (line(record) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            try {
                if (out == null) {
                    throw new IllegalStateException("audit sink " + file + " is closed");
                }
                if (size > 0 && size + bytes.length > maxBytes) {
                    rotate();
                }
                out.write(bytes);
                out.flush();
                size += bytes.length;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to audit file " + file, e);
            }
        }
    }

    /** The current file. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }

    private void open() throws IOException {
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
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
