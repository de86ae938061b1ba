package dev.payafter.internal;

import dev.payafter.RuleProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads {@code profiles.csv}: one profile a row, {@code profile,description}, with a header row. */
final class Profiles {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");

    private Profiles() {
    }

    /** The profiles by id, in file order; problems go to {@code problems}. */
    static Map<String, String> read(RuleSource source, List<RuleProblem> problems) {
        Map<String, String> profiles = new LinkedHashMap<>();
        List<RuleFile> files = source.filesOf(RuleFile.Type.PROFILES);
        if (files.isEmpty()) {
            problems.add(new RuleProblem(source.shown(RuleFile.PROFILES_FILE), 0, 0,
                    "missing: a rule set lists its profiles in profiles.csv (header: profile,description)"));
            return profiles;
        }
        RuleFile file = files.get(0);
        List<List<String>> rows;
        try {
            rows = Csv.parse(file.text());
        } catch (IllegalArgumentException e) {
            problems.add(new RuleProblem(source.shown(file.path()), 0, 0, e.getMessage()));
            return profiles;
        }
        List<RuleProblem> found = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            int line = i + 1;
            String id = row.get(0).strip();
            if (!ID.matcher(id).matches()) {
                found.add(new RuleProblem(source.shown(file.path()), line, 1,
                        "profile id \"" + id + "\" must be lower-case letters, digits and hyphens"));
            } else if (profiles.putIfAbsent(id, row.size() > 1 ? row.get(1).strip() : "") != null) {
                found.add(new RuleProblem(source.shown(file.path()), line, 1, "profile \"" + id + "\" is listed twice"));
            }
        }
        if (rows.isEmpty() || !rows.get(0).get(0).strip().equals("profile")) {
            found.add(0, new RuleProblem(source.shown(file.path()), 1, 1, "the first row must be the header"
                    + " profile,description"));
        }
        problems.addAll(found);
        return profiles;
    }
}
