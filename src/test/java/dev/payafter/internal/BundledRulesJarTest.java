package dev.payafter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.RuleProblem;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled rules read from inside a jar, as a host's class path has them, the same as from the build's folder. */
class BundledRulesJarTest {
    private static final String PREFIX = RuleSource.BUNDLED_ROOT.substring(1);

    /** A jar holding the bundled rules of the build's class folder, plus {@code extra} files (name, content). */
    private static Path jarOfBundledRules(Path temp, String... extra) throws Exception {
        Path folder = Path.of(RuleSource.class.getResource(RuleSource.BUNDLED_ROOT + "profiles.csv").toURI()).getParent();
        Path jar = temp.resolve("host-app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> walk = Files.walk(folder)) {
            out.putNextEntry(new JarEntry("dev/payafter/Other.class")); // something outside the rules
            out.closeEntry();
            for (Path file : walk.sorted().toList()) {
                String name = PREFIX + folder.relativize(file).toString().replace('\\', '/');
                if (Files.isDirectory(file)) {
                    out.putNextEntry(new JarEntry(name.endsWith("/") ? name : name + "/"));
                } else {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(file, out);
                }
                out.closeEntry();
            }
            for (int i = 0; i < extra.length; i += 2) {
                out.putNextEntry(new JarEntry(PREFIX + extra[i]));
                out.write(extra[i + 1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static URL marker(Path jar) throws Exception {
        return new URL("jar:" + jar.toUri() + "!" + RuleSource.BUNDLED_ROOT + "profiles.csv");
    }

    @Test
    void theRulesInAJarAreTheRulesOfTheClassFolder(@TempDir Path temp) throws Exception {
        RuleSource fromFolder = RuleSource.bundled();
        RuleSource fromJar = RuleSource.bundled(marker(jarOfBundledRules(temp)));

        assertThat(fromJar.problems()).isEmpty();
        assertThat(fromJar.files()).extracting(RuleFile::path).containsExactlyElementsOf(
                fromFolder.files().stream().map(RuleFile::path).toList());
        assertThat(fromJar.files()).extracting(RuleFile::path).contains("profiles.csv",
                "eligibility/eligibility-policy.drl.csv", "refund/fast-refund.drl");
        assertThat(fromJar.version()).isEqualTo(fromFolder.version());
    }

    @Test
    void aFileDroolsWouldSkipIsNamedInAJarToo(@TempDir Path temp) throws Exception {
        RuleSource fromJar = RuleSource.bundled(marker(jarOfBundledRules(temp, "refund/thresholds.csv", "a,b\n")));

        assertThat(fromJar.problems()).extracting(RuleProblem::file).containsExactly(Path.of("refund/thresholds.csv"));
        assertThat(fromJar.problems()).extracting(RuleProblem::message).singleElement().asString()
                .contains("Drools compiles a decision table only when it is named *.drl.csv");
        assertThat(fromJar.files()).extracting(RuleFile::path).doesNotContain("refund/thresholds.csv");
    }
}
