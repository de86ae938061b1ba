package dev.payafter.tools.backtest.spark;

import dev.payafter.PayAfterEngine;
import dev.payafter.tools.Differ;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A rule set shipped with the job: the bytes of its files by relative path, and a version (SHA-256 of paths and
 * bytes). Executors build one engine per bundle version per JVM, lazily, from a private copy of the files
 * ({@link #engine}); a KieBase is never serialized (it is not serializable), only these bytes are.
 */
public final class RuleBundle implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Map<String, PayAfterEngine> ENGINES = new ConcurrentHashMap<>();

    private final TreeMap<String, byte[]> files;
    private final String version;
    private final List<String> allowed;

    private RuleBundle(TreeMap<String, byte[]> files, String version, List<String> allowed) {
        this.files = files;
        this.version = version;
        this.allowed = List.copyOf(allowed);
    }

    /** Reads every file of a rule directory. */
    public static RuleBundle of(Path directory, List<String> allowed) {
        TreeMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(directory.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule directory " + directory, e);
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.forEach((name, bytes) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(bytes);
            });
            return new RuleBundle(files, HexFormat.of().formatHex(sha.digest()), allowed);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String version() {
        return version;
    }

    /** This JVM's engine for this bundle, built on first use from a private copy of the files. */
    public PayAfterEngine engine() {
        return ENGINES.computeIfAbsent(version + "\0" + allowed, key -> {
            try {
                Path dir = Files.createTempDirectory("payafter-rules-" + version.substring(0, 12) + "-");
                for (Map.Entry<String, byte[]> e : files.entrySet()) {
                    Path file = dir.resolve(e.getKey()).normalize();
                    if (!file.startsWith(dir)) {
                        throw new IllegalArgumentException("rule file outside the bundle: " + e.getKey());
                    }
                    Files.createDirectories(file.getParent());
                    Files.write(file, e.getValue());
                }
                return Differ.engine(dir, allowed);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot unpack rule set " + version, e);
            }
        });
    }

    /** How many engines this JVM has built (for tests). */
    static int enginesBuilt() {
        return ENGINES.size();
    }
}
