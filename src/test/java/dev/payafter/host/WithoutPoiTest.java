package dev.payafter.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payafter.PayAfterEngine;
import dev.payafter.Requests;
import dev.payafter.TestRules;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV-only host that excludes Apache POI (README, "A CSV-only host can leave out Apache POI"): the engine, run in a
 * class loader of the test class path without POI and its own dependencies, decides from the bundled rules and
 * from a rules directory of .drl and .csv files.
 */
public class WithoutPoiTest {
    @TempDir
    Path temp;

    /** What the isolated host runs: both kinds of rule source, one decision each. */
    public static List<String> decide(String rulesDirectory) {
        List<String> outcomes = new ArrayList<>();
        try (PayAfterEngine bundled = PayAfterEngine.builder().profile("kuaishou").build();
                PayAfterEngine directory = PayAfterEngine.builder().profile("kuaishou")
                        .rules(Path.of(rulesDirectory)).build()) {
            outcomes.add(bundled.decide(Requests.zhima(550, "199")).outcome().name());
            outcomes.add(directory.decide(Requests.zhima(549, "199")).outcome().name());
            outcomes.add(directory.decide(Requests.refund("12.00")).outcome().name());
        }
        return outcomes;
    }

    @Test
    void theEngineDecidesWithoutPoi() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String normalized = entry.replace('\\', '/');
            if (normalized.contains("/org/apache/poi/") || normalized.contains("/org/apache/xmlbeans/")
                    || normalized.contains("/com/github/virtuald/") || normalized.contains("/com/zaxxer/SparseBitSet")
                    || normalized.contains("/org/apache/commons/commons-math3/")
                    || normalized.contains("/org/apache/commons/commons-compress/")) {
                continue;
            }
            urls.add(new File(entry).toURI().toURL());
        }
        Path rules = TestRules.copyOfBundled(temp);
        try (URLClassLoader host = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> host.loadClass("org.apache.poi.ss.usermodel.Workbook"))
                    .isInstanceOf(ClassNotFoundException.class);
            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            thread.setContextClassLoader(host);
            try {
                Object outcomes = host.loadClass(WithoutPoiTest.class.getName()).getMethod("decide", String.class)
                        .invoke(null, rules.toString());
                assertThat(outcomes).isEqualTo(List.of("ELIGIBLE", "INELIGIBLE", "AUTO_APPROVED"));
            } finally {
                thread.setContextClassLoader(before);
            }
        }
    }
}
