package dev.payafter.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.PayAfterEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every scenario table in {@code rules/} as JUnit tests: one container per table, one test per row, named
 * by the row. A failure shows the expected and the actual outcome, reasons and actions.
 */
class BundledScenarioTablesTest {
    static final Path RULES = Path.of("rules");
    static PayAfterEngine engine;

    @BeforeAll
    static void compileOnce() {
        engine = PayAfterEngine.builder().rules(RULES).profile("kuaishou").build();
    }

    @TestFactory
    Stream<DynamicNode> everyScenarioTable() {
        return ScenarioTables.find(RULES).stream().map(table -> {
            List<ScenarioResult> results = ScenarioTables.run(engine, table);
            return DynamicContainer.dynamicContainer(RULES.relativize(table).toString(), results.stream()
                    .map(result -> DynamicTest.dynamicTest(result.line() + ": " + result.name(), table.toUri(),
                            () -> assertThat(result.mismatches()).as(result.describe()).isEmpty())));
        });
    }

    @Test
    void everyProfileHasScenarioTablesAndTheSetIsLarge() {
        List<String> profiles = engine.ruleSet().profiles();
        List<ScenarioResult> all = new ArrayList<>();
        for (Path table : ScenarioTables.find(RULES)) {
            all.addAll(ScenarioTables.run(engine, table));
        }
        for (String profile : profiles) {
            assertThat(all).as("scenarios for profile " + profile).anyMatch(r -> r.profile().equals(profile));
        }
        assertThat(all).hasSizeGreaterThan(100);
    }
}
