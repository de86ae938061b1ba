package dev.payafter.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a rules directory (and its decision folders) and calls {@code reload} once the files have been quiet
 * for the debounce time <em>and</em> then stable over two polls (every file's size and modification time the same
 * in two looks one poll apart), so an editor's burst of saves becomes one reload and a file still being written is
 * not read. Runs on one daemon thread; the reload runs there too, never on a request's thread. Nothing stops it but
 * {@link #close()}: whatever a reload or a file throws (a {@code StackOverflowError} included) is logged and the
 * watch goes on. A rules directory that is a symbolic link is followed, and swapping the link to a new folder is
 * seen as a change (the atomic way to publish a whole rule set).
 *
 * <p>No time-based check can tell a writer that pauses longer than the quiet time from one that has finished: to
 * publish safely, write each file under a hidden name (the loader skips {@code .name.tmp}) and rename it into
 * place, or swap the directory's link (see the README's "Live rules").
 */
public final class RulesWatcher implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(RulesWatcher.class);

    private final WatchService watchService;
    private final Thread thread;
    private volatile boolean running = true;
    private final Path directory;
    private Path watchedReal;

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
        this.directory = directory;
        Debouncer debouncer = new Debouncer(debounce);
        long pollMillis = Math.max(10, Math.min(250, debounce.toMillis() / 2));
        try {
            watchService = FileSystems.getDefault().newWatchService();
            watchTree();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch rules directory " + directory, e);
        }
        thread = new Thread(() -> {
            Map<String, List<Object>> settling = null; // the files as they were one poll ago, once the quiet time is up
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
                        settling = null;
                    }
                    if (relinked()) {
                        debouncer.changed(ticker.getAsLong());
                        settling = null;
                    }
                    if (settling != null || debouncer.due(ticker.getAsLong())) {
                        Map<String, List<Object>> now = snapshot(directory);
                        if (now.equals(settling)) {
                            settling = null;
                            reload.run();
                        } else {
                            settling = now; // look again at the next poll
                        }
                    }
                } catch (InterruptedException | ClosedWatchServiceException e) {
                    return;
                } catch (Throwable e) { // NOPMD: the watch survives every file and every reload
                    if (!running) {
                        return;
                    }
                    settling = null;
                    debouncer.changed(ticker.getAsLong()); // try again after the quiet time
                    try {
                        LOG.warn("rules watcher on {}: {}; it keeps watching", directory, e.toString(), e);
                    } catch (Throwable again) { // NOPMD: the stack or the heap is still short
                    }
                }
            }
        }, "payafter-rules-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Registers the directory (its real path) and its folders. */
    private void watchTree() throws IOException {
        watchedReal = directory.toRealPath();
        register(watchedReal);
        try (Stream<Path> children = Files.list(watchedReal)) {
            for (Path child : children.filter(Files::isDirectory).toList()) {
                register(child);
            }
        }
    }

    /** Whether the directory's link now points elsewhere (and if so, watches the new folder). */
    private boolean relinked() throws IOException {
        Path real = directory.toRealPath();
        if (real.equals(watchedReal)) {
            return false;
        }
        LOG.info("rules directory {} now leads to {}", directory, real);
        watchTree();
        return true;
    }

    /** Every entry below the directory: its relative path, size, modification time and identity. */
    static Map<String, List<Object>> snapshot(Path directory) throws IOException {
        Map<String, List<Object>> files = new TreeMap<>();
        Path real = directory.toRealPath();
        try (Stream<Path> walk = Files.walk(real)) {
            for (Path path : walk.toList()) {
                BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                Object key = attrs.fileKey();
                files.put(real.relativize(path).toString(), Arrays.asList(attrs.size(),
                        attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS), key == null ? "" : key));
            }
        } catch (UncheckedIOException e) { // a file went while walking: not stable
            files.put("", List.of(System.nanoTime()));
        }
        return files;
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
