package dev.payafter.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.payafter.PayAfterEngine;
import dev.payafter.Requests;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file sink never blocks a deciding thread on the disk; what it drops it counts. */
class AuditSinksTest {
    @TempDir
    Path temp;

    private static DecisionRecord aRecord() {
        AtomicReference<DecisionRecord> record = new AtomicReference<>();
        try (PayAfterEngine engine = PayAfterEngine.builder().profile("kuaishou").onDecision(record::set).build()) {
            engine.decide(Requests.zhima(600, "199"));
        }
        return record.get();
    }

    @Test
    void aStalledDiskDropsLinesInsteadOfBlockingTheDecidingThread() throws Exception {
        Path fifo = temp.resolve("stalled.jsonl");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo here");
            return;
        }
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        // the "disk": a reader that opens the pipe and reads nothing until told, so the sink's writes block
        CountDownLatch read = new CountDownLatch(1);
        AtomicLong lines = new AtomicLong();
        Thread disk = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(fifo),
                    StandardCharsets.UTF_8))) {
                read.await();
                while (in.readLine() != null) {
                    lines.incrementAndGet();
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        disk.start();
        DecisionRecord record = aRecord();
        int total = 5_000;
        JsonLinesAuditSink sink = new JsonLinesAuditSink(fifo, 1L << 40, 1, 16);
        long started = System.nanoTime();
        for (int i = 0; i < total; i++) {
            sink.onDecision(record);
        }
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(elapsedMillis).as("5,000 decisions against a stalled disk").isLessThan(5_000);
        assertThat(sink.dropped()).isPositive();
        read.countDown();
        sink.close();
        disk.join(30_000);
        assertThat(lines.get() + sink.dropped()).isEqualTo(total);
        assertThat(sink.failed()).isZero();
    }

    @Test
    void closeWritesEveryQueuedLine() throws IOException {
        Path file = temp.resolve("audit.jsonl");
        DecisionRecord record = aRecord();
        JsonLinesAuditSink sink = new JsonLinesAuditSink(file, 1 << 30, 1, 100_000);
        for (int i = 0; i < 20_000; i++) {
            sink.onDecision(record);
        }
        sink.close();
        assertThat(sink.dropped()).isZero();
        assertThat(Files.readAllLines(file)).hasSize(20_000).allSatisfy(line -> assertThat(line)
                .isEqualTo(JsonLinesAuditSink.line(record)));
    }

    @Test
    void theSlf4jSinkLogsTheSameLine() {
        DecisionRecord record = aRecord();
        java.util.List<String> logged = new java.util.ArrayList<>();
        org.slf4j.Logger logger = (org.slf4j.Logger) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {org.slf4j.Logger.class}, (proxy, method, args) -> {
                    if (method.getName().equals("isInfoEnabled")) {
                        return true;
                    }
                    if (method.getName().equals("info") && args.length == 1) {
                        logged.add((String) args[0]);
                    }
                    return null;
                });
        new Slf4jAuditSink(logger).onDecision(record);
        assertThat(logged).containsExactly(JsonLinesAuditSink.line(record));
    }
}
