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
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(RuleSource.class);

    /** The folders a rule set may have: one per decision kind. */
    public static final Set<String> KINDS = Set.of("eligibility", "refund", "deduction");

    static final String BUNDLED_ROOT = "/dev/payafter/bundled-rules/";

    /** The largest rule file read; a larger one is refused unread. */
    public static final long MAX_FILE_BYTES = 4L << 20;

    public RuleSource {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    /** How many times a directory is read again when its files change while being read. */
    static final int READ_ATTEMPTS = 3;

    /**
     * Reads every file below {@code directory} in one pass, then looks at every file again: if any changed (size,
     * modification time, file identity, or its bytes when read a second time) or appeared or went while it was
     * read, it reads again, up to
     * {@link #READ_ATTEMPTS} times, and then refuses with a {@link PayAfterException}: a rule set is never read
     * half-written or half-old. A {@code directory} that is a symbolic link is followed (resolved once per read, so
     * that swapping the link publishes a whole new folder atomically); a symbolic link, or any other entry that is
     * not a plain file or folder, <em>inside</em> the rule set is a problem naming it, never skipped.
     */
    public static RuleSource fromDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new PayAfterException("rules directory " + directory.toAbsolutePath() + " does not exist or is not"
                    + " a directory");
        }
        for (int attempt = 1; ; attempt++) {
            Path real;
            try {
                real = directory.toRealPath();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read rules from " + directory, e);
            }
            Listing before = list(directory, real);
            RuleSource source = read(directory.toString(), directory, before.found(), before.problems());
            Listing after = list(directory, real);
            if (before.stats().equals(after.stats()) && sameSizes(source, before) && readsTheSame(source, real)) {
                return source;
            }
            if (attempt == READ_ATTEMPTS) {
                throw new PayAfterException("the rules in " + directory + " changed while they were read ("
                        + READ_ATTEMPTS + " tries): a file is still being written; publish rules by writing them"
                        + " elsewhere and renaming them into place");
            }
            LOG.info("the rules in {} changed while they were read; reading them again", directory);
        }
    }

    /**
     * Whether every file reads the same a second time. A file system stamps modification times by a coarse clock
     * (a few milliseconds on Linux), so a file rewritten twice within one tick can show the same size and time
     * after a torn read; reading it again (the files are small, and cached) tells.
     */
    private static boolean readsTheSame(RuleSource source, Path real) {
        try {
            for (RuleFile file : source.files()) {
                byte[] again = RuleFile.of(file.path(), Files.readAllBytes(real.resolve(file.path())), file.type())
                        .bytes();
                if (!java.util.Arrays.equals(again, file.bytes())) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether every file read has the length its listing gave (a file rewritten in place within the same stat). */
    private static boolean sameSizes(RuleSource source, Listing listing) {
        for (RuleFile file : source.files()) {
            Stat stat = listing.stats().get(file.path());
            long unread = stat == null ? -1 : stat.size() - file.bytes().length;
            if (unread != 0 && unread != RuleFile.UTF8_BOM.length) { // a byte-order mark is dropped when read
                return false;
            }
        }
        return true;
    }

    /** What a file looked like when listed: a change in any of these means it was written meanwhile. */
    private record Stat(long size, long modifiedNanos, Object fileKey) {
    }

    private record Listing(List<Found> found, List<RuleProblem> problems, Map<String, Stat> stats) {
    }

    /** Every entry below {@code real} (the directory's real path), shown as below {@code shown}. */
    private static Listing list(Path shown, Path real) {
        List<Found> found = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, Stat> stats = new TreeMap<>();
        try {
            Files.walkFileTree(real, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(real) && dir.getFileName().toString().startsWith(".")) {
                        LOG.debug("skipping hidden folder {}", dir);
                        return FileVisitResult.SKIP_SUBTREE; // .git and the like: never rules
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String relative = relative(real, file);
                    Path where = shown.resolve(relative);
                    if (attrs.isSymbolicLink()) {
                        problems.add(new RuleProblem(where, 0, 0, "is a symbolic link; a rule set holds plain files"
                                + " and folders only (copy the file in, or make the whole rules folder the link)"));
                    } else if (!attrs.isRegularFile()) {
                        problems.add(new RuleProblem(where, 0, 0, "is not a plain file or folder; a rule set holds"
                                + " plain files and folders only"));
                    } else if (file.getFileName().toString().startsWith(".")) {
                        String unhidden = file.getFileName().toString().replaceFirst("^\\.+", "");
                        String asIfShown = relative.contains("/")
                                ? relative.substring(0, relative.lastIndexOf('/') + 1) + unhidden : unhidden;
                        if (!unhidden.isEmpty() && RuleFile.typeOf(asIfShown) != null) {
                            problems.add(new RuleProblem(where, 0, 0, "is named like a rule file but starts with"
                                    + " \".\", so it would never load; rename it (or delete it)"));
                        } else {
                            LOG.debug("skipping hidden file {}", file);
                        }
                    } else {
                        stats.put(relative, new Stat(attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                                attrs.fileKey()));
                        found.add(new Found(relative, attrs.size(), () -> Files.readAllBytes(file)));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    problems.add(new RuleProblem(shown.resolve(relative(real, file)), 0, 0, "cannot be read: " + e));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules from " + shown, e);
        }
        return new Listing(found, problems, stats);
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
        return read(description, root, found, List.of());
    }

    private static RuleSource read(String description, Path root, List<Found> found) {
        return read(description, root, found, List.of());
    }

    private static RuleSource read(String description, Path root, List<Found> found, List<RuleProblem> listed) {
        List<RuleFile> files = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>(listed);
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
                byte[] bytes = file.contents().read();
                if (bytes.length > MAX_FILE_BYTES) { // grew since it was listed
                    problems.add(new RuleProblem(shown, 0, 0, "file is more than " + (MAX_FILE_BYTES >> 20)
                            + " MiB; a rule file may be at most " + (MAX_FILE_BYTES >> 20) + " MiB"));
                    continue;
                }
                RuleFileLimits.Breach breach = RuleFileLimits.check(type, relative, bytes);
                if (breach != null) {
                    problems.add(new RuleProblem(shown, breach.line(), breach.column(), breach.message()));
                    continue; // never handed to a parser
                }
                files.add(RuleFile.of(relative, bytes, type));
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
