package dev.payafter.tools;

import dev.payafter.internal.RuleCompiler;
import dev.payafter.internal.RuleFile;
import dev.payafter.internal.RuleSource;
import java.util.ArrayList;
import java.util.List;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.internal.builder.conf.LanguageLevelOption;

/**
 * Every rule of a rule set by name, as the engine's traces name them: DRL rules by their name, decision-table rows
 * as {@code <file> row <n>}. Read with Drools' own DRL parser (nothing is compiled); files that do not parse are
 * left out (validate reports them).
 */
final class RuleCatalog {
    private RuleCatalog() {
    }

    /**
     * One rule.
     *
     * @param name its name, as fired rules are named in a decision's trace
     * @param file its file, relative to the rule set's root
     * @param line its line (DRL) or row (table)
     * @param pkg its DRL package
     * @param kind the decision it belongs to (its folder)
     */
    record Entry(String name, String file, int line, String pkg, String kind) {
    }

    static List<Entry> of(RuleSource source) {
        List<Entry> entries = new ArrayList<>();
        for (RuleFile file : source.files()) {
            if (file.type() != RuleFile.Type.DRL && !file.type().table()) {
                continue;
            }
            String drl;
            try {
                drl = file.type() == RuleFile.Type.DRL ? file.text() : RuleCompiler.tableDrl(file);
            } catch (RuntimeException e) {
                continue;
            }
            PackageDescr descr;
            DrlParser parser = new DrlParser(LanguageLevelOption.DRL6);
            try {
                descr = parser.parse(false, drl);
            } catch (DroolsParserException | RuntimeException e) {
                continue;
            }
            if (descr == null || parser.hasErrors()) {
                continue;
            }
            for (RuleDescr rule : descr.getRules()) {
                int line = file.type() == RuleFile.Type.DRL ? rule.getLine() : rowOf(rule.getName());
                entries.add(new Entry(rule.getName(), file.path(), line, descr.getName(), file.folder()));
            }
        }
        return entries;
    }

    private static int rowOf(String tableRuleName) {
        int at = tableRuleName.lastIndexOf(" row ");
        try {
            return at < 0 ? 0 : Integer.parseInt(tableRuleName.substring(at + 5));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
