package dev.payafter.internal;

import dev.payafter.PayAfterException;
import dev.payafter.RuleProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The files of a rule set, read whole from a directory or from the bundled rules in the jar, with the problems
 * their names show and the rule-set version.
 *
 * @param description where the rules came from, for people
 * @param root the root as a path on disk (for the bundled rules, the path inside the jar)
 * @param files every file, in path order
 * @param problems files that cannot be part of a rule set (wrong name, wrong folder)
 */
public record RuleSource(String description, Path root, List<RuleFile> files, List<RuleProblem> problems) {

    /** The folders a rule set may have: one per decision kind. */
    public static final Set<String> KINDS = Set.of("eligibility", "refund", "deduction");

    static final String BUNDLED_ROOT = "/dev/payafter/bundled-rules/";

    /** The largest rule file read; a larger one is refused unread. */
    public static final long MAX_FILE_BYTES = 4L << 20;

    public RuleSource {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    /** Reads every file below {@code directory}. */
    public static RuleSource fromDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new PayAfterException("rules directory " + directory.toAbsolutePath() + " does not exist or is not"
                    + " a directory");
        }
        return read(directory.toString(), directory);
    }

    /** Reads the rule set bundled in this library's jar (or its class folder in a build). */
    public static RuleSource bundled() {
        URL marker = RuleSource.class.getResource(BUNDLED_ROOT + RuleFile.PROFILES_FILE);
        if (marker == null) {
            throw new PayAfterException("the bundled rules are missing from the class path ("
                    + BUNDLED_ROOT + RuleFile.PROFILES_FILE + ")");
        }
        return bundled(marker);
    }

    /** Reads the bundled rules whose {@code profiles.csv} is at {@code marker}: an entry of a jar, or a file. */
    static RuleSource bundled(URL marker) {
        try {
            if ("jar".equals(marker.getProtocol())) {
                // a JarFile rather than a zip FileSystem, which costs a cold JVM about 65 ms to open
                JarURLConnection connection = (JarURLConnection) marker.openConnection();
                connection.setUseCaches(false);
                String entry = connection.getEntryName();
                String prefix = entry.substring(0, entry.lastIndexOf('/') + 1);
                try (JarFile jar = connection.getJarFile()) {
                    List<Found> found = new ArrayList<>();
                    jar.stream().filter(e -> !e.isDirectory() && e.getName().startsWith(prefix)).forEach(e -> found.add(
                            new Found(e.getName().substring(prefix.length()), e.getSize(), () -> {
                                try (InputStream in = jar.getInputStream(e)) {
                                    return in.readAllBytes();
                                }
                            })));
                    return read("bundled", Path.of("/" + prefix), found);
                }
            }
            return read("bundled", Path.of(marker.toURI()).getParent());
        } catch (URISyntaxException | IOException | UncheckedIOException e) {
            throw new PayAfterException("cannot read the bundled rules at " + marker, e);
        }
    }

    /** A file found under a rule set's root: its path relative to the root ({@code /}-separated), size, contents. */
    private record Found(String relative, long size, Contents contents) {
    }

    @FunctionalInterface
    private interface Contents {
        byte[] read() throws IOException;
    }

    private static RuleSource read(String description, Path root) {
        List<Found> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                found.add(new Found(relative(root, file), Files.size(file), () -> Files.readAllBytes(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules from " + root, e);
        }
        return read(description, root, found);
    }

    private static RuleSource read(String description, Path root, List<Found> found) {
        List<RuleFile> files = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        List<Found> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparing(Found::relative));
        try {
            for (Found file : sorted) {
                String relative = file.relative();
                if (hidden(relative)) {
                    continue; // editor lock files and the like (.~lock.x.xlsx#, .DS_Store): never rules
                }
                RuleFile.Type type = RuleFile.typeOf(relative);
                Path shown = display(description, root, relative);
                if (type == null) {
                    problems.add(new RuleProblem(shown, 0, 0, unknownFile(relative)));
                    continue;
                }
                String folder = relative.contains("/") ? relative.substring(0, relative.indexOf('/')) : "";
                if (!folder.isEmpty() && (!KINDS.contains(folder) || relative.indexOf('/') != relative.lastIndexOf('/'))
                        && type != RuleFile.Type.DOC) {
                    problems.add(new RuleProblem(shown, 0, 0, "rule files belong directly in one of the folders "
                            + String.join(", ", KINDS.stream().sorted().toList()) + " (one per decision)"));
                    continue;
                }
                long size = file.size();
                if (size > MAX_FILE_BYTES) {
                    problems.add(new RuleProblem(shown, 0, 0, "file is " + (size >> 20) + " MiB; a rule file may be at most "
                            + (MAX_FILE_BYTES >> 20) + " MiB (split it, or keep data out of the rules)"));
                    continue;
                }
                files.add(new RuleFile(relative, file.contents().read(), type));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules from " + root, e);
        }
        files.sort(Comparator.comparing(RuleFile::path));
        return new RuleSource(description, root, files, problems);
    }

    private static String unknownFile(String relative) {
        if (relative.toLowerCase().endsWith(".csv") || relative.toLowerCase().endsWith(".xlsx")
                || relative.toLowerCase().endsWith(".xls")) {
            return "not a rule file: Drools compiles a decision table only when it is named *.drl.csv, *.drl.xlsx"
                    + " or *.drl.xls and would skip this one silently; rename it (or *.scenarios.csv /"
                    + " *.scenarios.xlsx for a scenario table)";
        }
        return "not a rule file: a rule set holds *.drl, *.drl.csv, *.drl.xlsx, *.drl.xls, *.scenarios.csv,"
                + " *.scenarios.xlsx, *.md and the top-level profiles.csv only";
    }

    private static boolean hidden(String relative) {
        for (String part : relative.split("/")) {
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String relative(Path root, Path file) {
        StringBuilder out = new StringBuilder();
        for (Path part : root.relativize(file)) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(part.toString());
        }
        return out.toString();
    }

    /**
     * The rule-set version: SHA-256 over the files that decide (path, a zero byte, length, a zero byte, content),
     * in path order, first 16 hex digits. Scenario tables and documentation do not change it.
     */
    public String version() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (RuleFile file : files) {
                if (!file.type().decides()) {
                    continue;
                }
                digest.update(file.path().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Integer.toString(file.bytes().length).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.bytes());
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The files of one type. */
    public List<RuleFile> filesOf(RuleFile.Type type) {
        return files.stream().filter(f -> f.type() == type).toList();
    }

    /** The path to show for a file: on disk for a directory, relative to the jar's rule root when bundled. */
    public Path shown(String relativePath) {
        return display(description, root, relativePath);
    }

    private static Path display(String description, Path root, String relativePath) {
        return "bundled".equals(description) ? Path.of(relativePath) : root.resolve(relativePath);
    }
}
