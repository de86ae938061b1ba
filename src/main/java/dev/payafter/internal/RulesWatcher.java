package dev.payafter.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a rules directory (and its decision folders) and calls {@code reload} once the files have been quiet
 * for the debounce time, so an editor's burst of saves becomes one reload. Runs on one daemon thread; the reload
 * runs there too, never on a request's thread.
 */
public final class RulesWatcher implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(RulesWatcher.class);

    private final WatchService watchService;
    private final Thread thread;
    private volatile boolean running = true;

    /** Quiet-period logic, driven by a nanosecond ticker so it can be tested without waiting. */
    public static final class Debouncer {
        private final long quietNanos;
        private long lastChange = Long.MIN_VALUE;
        private boolean pending;

        public Debouncer(Duration quiet) {
            this.quietNanos = quiet.toNanos();
        }

        /** A change was seen at {@code nanos}. */
        public synchronized void changed(long nanos) {
            lastChange = nanos;
            pending = true;
        }

        /** Whether a reload is due at {@code nanos}; if so the pending change is consumed. */
        public synchronized boolean due(long nanos) {
            if (pending && nanos - lastChange >= quietNanos) {
                pending = false;
                return true;
            }
            return false;
        }
    }

    public RulesWatcher(Path directory, Duration debounce, Runnable reload) {
        this(directory, debounce, reload, System::nanoTime);
    }

    RulesWatcher(Path directory, Duration debounce, Runnable reload, LongSupplier ticker) {
        Debouncer debouncer = new Debouncer(debounce);
        long pollMillis = Math.max(10, Math.min(250, debounce.toMillis() / 2));
        try {
            watchService = FileSystems.getDefault().newWatchService();
            register(directory);
            try (Stream<Path> children = Files.list(directory)) {
                for (Path child : children.filter(Files::isDirectory).toList()) {
                    register(child);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch rules directory " + directory, e);
        }
        thread = new Thread(() -> {
            while (running) {
                try {
                    WatchKey key = watchService.poll(pollMillis, TimeUnit.MILLISECONDS);
                    if (key != null) {
                        for (WatchEvent<?> event : key.pollEvents()) {
                            Path changed = ((Path) key.watchable()).resolve(String.valueOf(event.context()));
                            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(changed)) {
                                register(changed);
                            }
                        }
                        key.reset();
                        debouncer.changed(ticker.getAsLong());
                    }
                    if (debouncer.due(ticker.getAsLong())) {
                        reload.run();
                    }
                } catch (InterruptedException | ClosedWatchServiceException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    LOG.warn("rules watcher on {}: {}", directory, e.toString(), e);
                }
            }
        }, "payafter-rules-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void register(Path directory) throws IOException {
        directory.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
    }

    @Override
    public void close() {
        running = false;
        try {
            watchService.close();
        } catch (IOException e) {
            LOG.debug("closing the rules watcher", e);
        }
        thread.interrupt();
    }
}
