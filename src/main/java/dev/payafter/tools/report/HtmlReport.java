package dev.payafter.tools.report;

import static dev.payafter.tools.report.Html.attr;
import static dev.payafter.tools.report.Html.text;

import dev.payafter.tools.report.ReportModel.CellView;
import dev.payafter.tools.report.ReportModel.ChangedRequest;
import dev.payafter.tools.report.ReportModel.DecisionView;
import dev.payafter.tools.report.ReportModel.DiffPage;
import dev.payafter.tools.report.ReportModel.ExplainPage;
import dev.payafter.tools.report.ReportModel.Field;
import dev.payafter.tools.report.ReportModel.FindingView;
import dev.payafter.tools.report.ReportModel.FireCount;
import dev.payafter.tools.report.ReportModel.Fired;
import dev.payafter.tools.report.ReportModel.Mismatch;
import dev.payafter.tools.report.ReportModel.NotFired;
import dev.payafter.tools.report.ReportModel.ProfileDiff;
import dev.payafter.tools.report.ReportModel.ReasonMove;
import dev.payafter.tools.report.ReportModel.ReasonView;
import dev.payafter.tools.report.ReportModel.RowKind;
import dev.payafter.tools.report.ReportModel.RowView;
import dev.payafter.tools.report.ReportModel.RuleRef;
import dev.payafter.tools.report.ReportModel.RulesPage;
import dev.payafter.tools.report.ReportModel.ScenarioTableView;
import dev.payafter.tools.report.ReportModel.ScenarioView;
import dev.payafter.tools.report.ReportModel.TableView;
import dev.payafter.internal.TableGrid;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a {@link ReportModel} as static HTML: one self-contained page per part of the model plus an
 * {@code index.html} that links them. A page needs nothing else: its CSS and charts (SVG) are inline, it has no
 * script, loads no font, image or style from anywhere, and says so to the browser with a Content-Security-Policy
 * ({@code default-src 'none'}), so that even a cell that escaped the escaping could not run or fetch anything.
 * The same model always gives the same bytes (no time stamp, no random id, everything in the model's order).
 *
 * <pre>{@code
 * List<Path> written = HtmlReport.write(ReportModel.of(ReportModels.fromRules(rules, List.of())), outDir);
 * }</pre>
 */
public final class HtmlReport {
    /** The rule-set page's file name. */
    public static final String RULES_PAGE = "report.html";
    /** The explain page's file name. */
    public static final String EXPLAIN_PAGE = "explain.html";
    /** The diff page's file name. */
    public static final String DIFF_PAGE = "diff.html";
    /** The index page's file name. */
    public static final String INDEX_PAGE = "index.html";
    /** The policy every page declares: nothing may load or run but the page's own inline styles. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private static final int BAR_AREA = 420;

    private HtmlReport() {
    }

    /**
     * Writes the model's pages and the index into {@code outDir} (created if needed; files of the same names are
     * replaced, others left alone).
     *
     * @return the files written, the index first
     * @throws IOException if a file cannot be written
     */
    public static List<Path> write(ReportModel model, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> page : render(model).entrySet()) {
            Path file = outDir.resolve(page.getKey());
            Files.writeString(file, page.getValue(), StandardCharsets.UTF_8);
            written.add(file);
        }
        return List.copyOf(written);
    }

    /** The pages by file name, the index first: what {@link #write} writes. */
    public static Map<String, String> render(ReportModel model) {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put(INDEX_PAGE, page(model, "Index", index(model)));
        if (model.rules() != null) {
            pages.put(RULES_PAGE, page(model, "Rule set", rules(model.rules())));
        }
        if (model.explain() != null) {
            pages.put(EXPLAIN_PAGE, page(model, "Explain", explain(model.explain())));
        }
        if (model.diff() != null) {
            pages.put(DIFF_PAGE, page(model, "Diff", diff(model.diff())));
        }
        return pages;
    }

    // ---- the frame -----------------------------------------------------------------------------------------------

    private static final String STYLE = """
            :root { --fg: #1d232a; --muted: #5b6570; --line: #c9d0d6; --bg: #ffffff; --head: #eef1f4;
              --never: #f8c9c9; --never-fg: #7a0d0d; --once: #e3f4e0; --few: #c5e8bf; --many: #9bd48f;
              --fired: #ffe08a; --fail: #b3261e; --pass: #1e6b35; --warn: #8a5a00; }
            * { box-sizing: border-box; }
            body { margin: 0; color: var(--fg); background: var(--bg);
              font: 14px/1.45 system-ui, "Noto Sans", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "PingFang SC",
                "Microsoft YaHei", sans-serif; }
            header { background: #23303d; color: #fff; padding: 10px 24px; }
            header h1 { font-size: 18px; margin: 4px 0 0; font-weight: 600; overflow-wrap: anywhere; }
            header nav a { color: #cfe3ff; margin-right: 16px; }
            header nav a[aria-current] { color: #fff; font-weight: 600; text-decoration: none; }
            main { padding: 12px 24px 40px; }
            h2 { font-size: 17px; border-bottom: 2px solid var(--line); padding-bottom: 3px; margin-top: 28px; }
            h3 { font-size: 15px; margin: 22px 0 6px; overflow-wrap: anywhere; }
            code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
            .muted { color: var(--muted); }
            .summary { display: flex; flex-wrap: wrap; gap: 10px; margin: 10px 0; padding: 0; list-style: none; }
            .summary li { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; background: var(--head); }
            .summary .bad { border-color: var(--fail); color: var(--fail); font-weight: 600; }
            .summary .good { border-color: var(--pass); color: var(--pass); }
            .scroll { overflow-x: auto; max-width: 100%; }
            table { border-collapse: collapse; margin: 6px 0 10px; }
            th, td { border: 1px solid var(--line); padding: 3px 7px; vertical-align: top; text-align: left;
              max-width: 28em; overflow-wrap: anywhere; }
            thead th { background: var(--head); font-weight: 600; }
            table.sheet th.rownum, table.sheet thead th { color: var(--muted); font-weight: 400; text-align: center;
              background: var(--head); }
            table.sheet tr.wiring td, table.sheet tr.keyword td { color: var(--muted); font-size: 12px; }
            table.sheet tr.title td { font-weight: 600; background: var(--head); }
            table.sheet tr.table-name td { font-weight: 600; }
            table.sheet tr.ignored td { text-decoration: line-through; color: var(--muted); }
            table.sheet td.status { white-space: nowrap; font-size: 12.5px; }
            tr.never-fired td { background: var(--never); }
            tr.never-fired td.status { color: var(--never-fg); font-weight: 700; }
            tr.fired-once td { background: var(--once); }
            tr.fired-few td { background: var(--few); }
            tr.fired-many td { background: var(--many); }
            tr.fired td { background: var(--fired); }
            tr.fired td.status { font-weight: 700; }
            tr.not-fired td { color: var(--muted); }
            tr.not-fired td.status { white-space: normal; max-width: 32em; }
            td.has-finding { outline: 3px solid var(--warn); outline-offset: -3px; }
            td.has-finding.sev-error { outline-color: var(--fail); }
            .badge { display: inline-block; border-radius: 4px; padding: 0 5px; margin: 1px 2px 1px 0;
              font-size: 11.5px; font-weight: 700; text-decoration: none; }
            .sev-warning .badge, .badge.sev-warning { background: #fff0c2; color: var(--warn); border: 1px solid var(--warn); }
            .sev-error .badge, .badge.sev-error { background: #fde3e1; color: var(--fail); border: 1px solid var(--fail); }
            .sev-info .badge, .badge.sev-info { background: #e6eef7; color: #2a4d75; border: 1px solid #2a4d75; }
            .cell-text { display: block; white-space: pre-wrap; }
            .legend { display: flex; flex-wrap: wrap; gap: 6px 14px; margin: 8px 0; padding: 0; list-style: none; }
            .legend li { display: flex; align-items: center; gap: 6px; }
            .swatch { display: inline-block; width: 22px; height: 14px; border: 1px solid var(--line); }
            .outcome { font-weight: 700; }
            .fail-label { color: var(--fail); font-weight: 700; }
            .pass-label { color: var(--pass); font-weight: 700; }
            .scenario.fail { border-left: 4px solid var(--fail); padding: 2px 0 2px 10px; margin: 8px 0; }
            .scenario h4 { margin: 2px 0; font-size: 14px; overflow-wrap: anywhere; }
            table.mismatches td.expected { background: #e3f4e0; }
            table.mismatches td.actual { background: #fde3e1; }
            table.matrix td { text-align: right; min-width: 5.5em; font-variant-numeric: tabular-nums; }
            table.matrix td.same { background: #eef1f4; }
            table.matrix td.moved { background: #ffe08a; font-weight: 700; }
            table.matrix td.zero { color: var(--muted); }
            table.matrix th.total, table.matrix td.total { background: var(--head); }
            details > summary { cursor: pointer; }
            ol.compact, ul.compact { margin: 4px 0; padding-left: 22px; }
            footer { color: var(--muted); font-size: 12px; padding: 10px 24px; border-top: 1px solid var(--line); }
            """;

    private static String page(ReportModel model, String name, String body) {
        StringBuilder out = new StringBuilder(body.length() + STYLE.length() + 2048);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(attr(CONTENT_SECURITY_POLICY))
                .append("\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<title>").append(text(name + " · " + model.title())).append("</title>\n<style>\n")
                .append(STYLE).append("</style>\n</head>\n<body>\n<header>\n<nav aria-label=\"pages\">");
        nav(out, model, name, "Index", INDEX_PAGE, true);
        nav(out, model, name, "Rule set", RULES_PAGE, model.rules() != null);
        nav(out, model, name, "Explain", EXPLAIN_PAGE, model.explain() != null);
        nav(out, model, name, "Diff", DIFF_PAGE, model.diff() != null);
        out.append("</nav>\n<h1>").append(text(model.title())).append("</h1>\n</header>\n<main>\n").append(body)
                .append("</main>\n<footer>Written by payafter-analyst. A static page: no script, nothing loaded from"
                        + " anywhere.</footer>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void nav(StringBuilder out, ReportModel model, String current, String name, String file,
            boolean present) {
        if (!present) {
            return;
        }
        out.append("<a href=\"").append(file).append('"').append(current.equals(name) ? " aria-current=\"page\"" : "")
                .append('>').append(name).append("</a>");
    }

    // ---- index ---------------------------------------------------------------------------------------------------

    private static String index(ReportModel model) {
        StringBuilder out = new StringBuilder("<h2>Pages</h2>\n<ul>\n");
        RulesPage rules = model.rules();
        if (rules != null) {
            out.append("<li><a href=\"").append(RULES_PAGE).append("\">Rule set</a>: ").append(text(rules.rulesDir()))
                    .append(" — ").append(rules.tables().size()).append(" decision tables, ")
                    .append(rules.scenarios()).append(" scenarios, <span class=\"")
                    .append(rules.failed() > 0 ? "fail-label" : "pass-label").append("\">").append(rules.failed())
                    .append(" failed</span>, ").append(plural(rules.neverFired().size(), "rule or row", "rules or rows"))
                    .append(" never fired</li>\n");
        }
        ExplainPage explain = model.explain();
        if (explain != null) {
            out.append("<li><a href=\"").append(EXPLAIN_PAGE).append("\">Explain</a>: ")
                    .append(text(explain.requestName())).append(" — ").append(text(explain.kind())).append(" under ")
                    .append(text(explain.profile())).append(": <span class=\"outcome\">").append(text(explain.outcome()))
                    .append("</span></li>\n");
        }
        DiffPage diff = model.diff();
        if (diff != null) {
            out.append("<li><a href=\"").append(DIFF_PAGE).append("\">Diff</a>: ").append(text(diff.oldRules()))
                    .append(" → ").append(text(diff.newRules())).append(" over ").append(text(diff.requestsName()))
                    .append(" — ").append(diff.requests()).append(" requests, ").append(diff.changed())
                    .append(" changed</li>\n");
        }
        return out.append("</ul>\n").toString();
    }

    // ---- the rule-set page ---------------------------------------------------------------------------------------

    private static String rules(RulesPage page) {
        StringBuilder out = new StringBuilder(64 * 1024);
        long failed = page.failed();
        long errors = page.findings().stream().filter(f -> f.severity().equals("ERROR")).count();
        long warnings = page.findings().stream().filter(f -> f.severity().equals("WARNING")).count();
        int neverRows = 0;
        for (TableView table : page.tables()) {
            for (RowView row : table.rows()) {
                if (row.status() instanceof FireCount c && c.scenarios() == 0) {
                    neverRows++;
                }
            }
        }
        out.append("<ul class=\"summary\">\n<li>rule set <code>").append(text(page.rulesDir())).append("</code>")
                .append(page.version() == null ? "" : ", version <code>" + text(page.version()) + "</code>")
                .append("</li>\n");
        if (page.notRun() == null) {
            out.append("<li class=\"").append(failed > 0 ? "bad" : "good").append("\">")
                    .append(page.scenarios() - failed).append(" scenarios passed, ").append(failed).append(" failed")
                    .append("</li>\n");
            int fired = page.rules() - page.neverFired().size();
            out.append("<li class=\"").append(page.neverFired().isEmpty() ? "good" : "bad").append("\">coverage: ")
                    .append(fired).append(" of ").append(page.rules()).append(" rules and table rows fired (")
                    .append(percent(fired, page.rules(), RoundingMode.DOWN)).append("%)</li>\n");
        } else {
            out.append("<li class=\"bad\">").append(text(page.notRun())).append("</li>\n");
        }
        out.append("<li class=\"").append(errors > 0 ? "bad" : "good").append("\">")
                .append(plural(errors, "error", "errors")).append(", ").append(plural(warnings, "warning", "warnings"))
                .append("</li>\n");
        if (neverRows > 0) {
            out.append("<li class=\"bad\">").append(plural(neverRows, "table row", "table rows"))
                    .append(" never fired</li>\n");
        }
        out.append("</ul>\n");
        out.append("<nav aria-label=\"contents\"><strong>Contents:</strong> ");
        for (int i = 0; i < page.tables().size(); i++) {
            out.append("<a href=\"#").append(Html.id("table", page.tables().get(i).file(), i)).append("\">")
                    .append(text(page.tables().get(i).file())).append("</a> · ");
        }
        out.append("<a href=\"#findings\">findings</a> · <a href=\"#never-fired\">never fired</a> · ")
                .append("<a href=\"#scenarios\">scenarios</a></nav>\n");

        out.append("<h2 id=\"tables\">Decision tables</h2>\n");
        out.append("<p class=\"muted\">Each table as its sheet has it (row numbers and column letters as in the"
                + " spreadsheet). A data row is coloured by how many scenarios fired it, and says so in its last"
                + " column; a cell with a finding is outlined and carries the finding's code.</p>\n");
        out.append("<ul class=\"legend\" aria-label=\"legend\">")
                .append(legend("never-fired", "var(--never)", "never fired (no scenario reaches it)"))
                .append(legend("fired-once", "var(--once)", "fired by 1 scenario"))
                .append(legend("fired-few", "var(--few)", "fired by 2–9 scenarios"))
                .append(legend("fired-many", "var(--many)", "fired by 10 or more"))
                .append("<li><span class=\"badge sev-warning\">WARNING</span> <span class=\"badge sev-error\">ERROR"
                        + "</span> a finding on the cell</li></ul>\n");
        for (int i = 0; i < page.tables().size(); i++) {
            TableView table = page.tables().get(i);
            out.append("<section class=\"table\" id=\"").append(Html.id("table", table.file(), i))
                    .append("\" data-file=\"").append(attr(table.file())).append("\">\n<h3>").append(text(table.file()))
                    .append("csv".equals(table.sheet()) || table.sheet().isEmpty() ? "" : " — sheet "
                            + text(table.sheet())).append("</h3>\n");
            sheet(out, table, true);
            List<FindingView> own = new ArrayList<>();
            for (FindingView f : page.findings()) {
                if (f.where().startsWith(table.file() + ":") || f.where().startsWith(table.file() + "!")
                        || f.where().equals(table.file())) {
                    own.add(f);
                }
            }
            if (!own.isEmpty()) {
                out.append("<ul class=\"compact findings\">\n");
                own.forEach(f -> findingItem(out, f));
                out.append("</ul>\n");
            }
            out.append("</section>\n");
        }

        out.append("<h2 id=\"findings\">Findings of validate</h2>\n");
        if (page.findings().isEmpty()) {
            out.append("<p class=\"pass-label\">None.</p>\n");
        } else {
            out.append("<ul class=\"compact findings\">\n");
            page.findings().forEach(f -> findingItem(out, f));
            out.append("</ul>\n");
        }

        out.append("<h2 id=\"never-fired\">Rules and table rows no scenario fired</h2>\n");
        if (page.notRun() != null) {
            out.append("<p>").append(text(page.notRun())).append("</p>\n");
        } else if (page.neverFired().isEmpty()) {
            out.append("<p class=\"pass-label\">Every rule and table row fired in some scenario.</p>\n");
        } else {
            out.append("<table class=\"never-fired-list\">\n<thead><tr><th scope=\"col\">where</th>"
                    + "<th scope=\"col\">rule or row</th></tr></thead>\n<tbody>\n");
            for (RuleRef ref : page.neverFired()) {
                out.append("<tr><td><code>").append(text(ref.where())).append("</code></td><td>").append(text(ref.name()))
                        .append("</td></tr>\n");
            }
            out.append("</tbody></table>\n");
        }

        out.append("<h2 id=\"scenarios\">Scenarios</h2>\n");
        if (page.notRun() != null) {
            out.append("<p>").append(text(page.notRun())).append("</p>\n");
        }
        for (int i = 0; i < page.scenarioTables().size(); i++) {
            scenarioTable(out, page.scenarioTables().get(i), i);
        }
        return out.toString();
    }

    /** A legend entry; its arguments are constants of this class, never an analyst's text. */
    private static String legend(String rowClass, String colour, String label) {
        return "<li class=\"" + rowClass + "\"><span class=\"swatch\" style=\"background:" + colour + "\"></span>"
                + label + "</li>";
    }

    private static void findingItem(StringBuilder out, FindingView f) {
        String severity = f.severity().toLowerCase(Locale.ROOT);
        out.append("<li class=\"finding sev-").append(attr(severity)).append("\"><span class=\"badge\">")
                .append(text(f.severity())).append(' ').append(text(f.code())).append("</span> <code>")
                .append(text(f.where())).append("</code>: ").append(text(f.message())).append("</li>\n");
    }

    /** A table drawn as its sheet. {@code counts}: the status column says how many scenarios fired each row. */
    private static void sheet(StringBuilder out, TableView table, boolean counts) {
        if (table.problem() != null) {
            out.append("<p class=\"fail-label\">").append(text(table.problem())).append("</p>\n");
            return;
        }
        out.append("<div class=\"scroll\"><table class=\"sheet\">\n<thead><tr><th scope=\"col\"></th>");
        for (int c = 0; c < table.columns(); c++) {
            out.append("<th scope=\"col\">").append(TableGrid.columnLetters(c)).append("</th>");
        }
        out.append("<th scope=\"col\">").append(counts ? "fired by" : "for this request").append("</th></tr></thead>\n<tbody>\n");
        for (RowView row : table.rows()) {
            String rowClass = rowClass(row);
            out.append("<tr class=\"").append(rowClass).append('"');
            if (row.rule() != null) {
                out.append(" data-rule=\"").append(attr(row.rule())).append('"');
            }
            if (row.status() instanceof FireCount c) {
                out.append(" data-fired=\"").append(c.scenarios()).append('"');
            }
            out.append("><th scope=\"row\" class=\"rownum\">").append(row.number()).append("</th>");
            int next = 0;
            for (CellView cell : row.cells()) {
                if (cell.column() > next) {
                    out.append("<td colspan=\"").append(cell.column() - next).append("\"></td>");
                }
                cell(out, cell);
                next = cell.column() + 1;
            }
            if (next < table.columns()) {
                out.append("<td colspan=\"").append(table.columns() - next).append("\"></td>");
            }
            out.append("<td class=\"status\">").append(status(row)).append("</td></tr>\n");
        }
        out.append("</tbody></table></div>\n");
    }

    private static String rowClass(RowView row) {
        String kind = row.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
        if (row.status() instanceof FireCount c) {
            int n = c.scenarios();
            return kind + (n == 0 ? " never-fired" : n == 1 ? " fired-once" : n < 10 ? " fired-few" : " fired-many");
        }
        if (row.status() instanceof Fired) {
            return kind + " fired";
        }
        if (row.status() instanceof NotFired) {
            return kind + " not-fired";
        }
        return kind;
    }

    private static String status(RowView row) {
        if (row.status() instanceof FireCount c) {
            String label = c.scenarios() == 0 ? "never fired" : "fired by " + plural(c.scenarios(), "scenario",
                    "scenarios");
            if (c.examples().isEmpty()) {
                return text(label);
            }
            return "<span title=\"" + attr(String.join("\n", c.examples()) + (c.scenarios() > c.examples().size()
                    ? "\n…" : "")) + "\">" + text(label) + "</span>";
        }
        if (row.status() instanceof Fired f) {
            return "fired (#" + f.order() + " in order)";
        }
        if (row.status() instanceof NotFired n) {
            return "did not fire" + (n.why().isEmpty() ? "" : ": " + text(n.why()));
        }
        return row.kind() == RowKind.IGNORED ? "ignored by Drools (after a blank row)" : "";
    }

    private static void cell(StringBuilder out, CellView cell) {
        if (cell.findings().isEmpty()) {
            out.append("<td><span class=\"cell-text\">").append(text(cell.text())).append("</span></td>");
            return;
        }
        boolean error = cell.findings().stream().anyMatch(f -> f.severity().equals("ERROR"));
        StringBuilder title = new StringBuilder();
        for (FindingView f : cell.findings()) {
            title.append(title.length() == 0 ? "" : "\n").append(f.severity()).append(' ').append(f.code()).append(": ")
                    .append(f.message());
        }
        out.append("<td class=\"has-finding ").append(error ? "sev-error" : "sev-warning").append("\" title=\"")
                .append(attr(title.toString())).append("\"><span class=\"cell-text\">").append(text(cell.text()))
                .append("</span>");
        for (FindingView f : cell.findings()) {
            out.append("<span class=\"badge sev-").append(attr(f.severity().toLowerCase(Locale.ROOT))).append("\">")
                    .append(text(f.code())).append("</span>");
        }
        out.append("</td>");
    }

    private static void scenarioTable(StringBuilder out, ScenarioTableView table, int n) {
        long failed = table.failed();
        int count = table.scenarios().size();
        out.append("<section class=\"scenario-table\" id=\"").append(Html.id("scenarios", table.file(), n))
                .append("\" data-file=\"").append(attr(table.file())).append("\">\n<h3>").append(text(table.file()))
                .append(" <span class=\"muted\">(").append(text(table.profile())).append(")</span>: <span class=\"")
                .append(failed > 0 || table.error() != null ? "fail-label" : "pass-label").append("\">")
                .append(count - failed).append('/').append(count).append(" passed</span></h3>\n");
        if (table.error() != null) {
            out.append("<p class=\"fail-label table-error\">not run: ").append(text(table.error())).append("</p>\n");
        }
        List<ScenarioView> passed = new ArrayList<>();
        for (ScenarioView s : table.scenarios()) {
            if (s.passed()) {
                passed.add(s);
                continue;
            }
            out.append("<div class=\"scenario fail\" data-line=\"").append(s.line()).append("\">\n<h4><span class="
                    + "\"fail-label\">FAIL</span> line ").append(s.line()).append(": ").append(text(s.name()))
                    .append("</h4>\n<table class=\"mismatches\">\n<thead><tr><th scope=\"col\">checked</th>"
                            + "<th scope=\"col\">expected</th><th scope=\"col\">actual</th></tr></thead>\n<tbody>\n");
            for (Mismatch m : s.mismatches()) {
                out.append("<tr><th scope=\"row\">").append(text(m.what())).append("</th><td class=\"expected\">")
                        .append(text(m.expected())).append("</td><td class=\"actual\">").append(text(m.actual()))
                        .append("</td></tr>\n");
            }
            out.append("</tbody></table>\n<p class=\"muted\">fired: ")
                    .append(s.firedRules().isEmpty() ? "(nothing)" : text(String.join(", ", s.firedRules())))
                    .append("</p>\n</div>\n");
        }
        if (!passed.isEmpty()) {
            out.append("<details><summary><span class=\"pass-label\">").append(passed.size())
                    .append(" passed</span></summary>\n<ol class=\"compact passed\">\n");
            for (ScenarioView s : passed) {
                out.append("<li value=\"").append(s.line()).append("\">").append(text(s.name())).append("</li>\n");
            }
            out.append("</ol></details>\n");
        }
        out.append("</section>\n");
    }

    // ---- the explain page ----------------------------------------------------------------------------------------

    private static String explain(ExplainPage page) {
        StringBuilder out = new StringBuilder(32 * 1024);
        out.append("<ul class=\"summary\">\n<li>request <code>").append(text(page.requestName())).append("</code></li>\n")
                .append("<li>rule set <code>").append(text(page.rulesDir())).append("</code></li>\n<li>")
                .append(text(page.kind())).append(" under <strong>").append(text(page.profile()))
                .append("</strong>: <span class=\"outcome\" id=\"outcome\">").append(text(page.outcome()))
                .append("</span></li>\n</ul>\n");
        out.append("<h2>The request</h2>\n<table class=\"request\">\n<tbody>\n");
        fields(out, page.request());
        out.append("</tbody></table>\n");
        out.append("<h2>Reasons</h2>\n<table class=\"reasons\">\n<thead><tr><th scope=\"col\">code</th>"
                + "<th scope=\"col\">message</th><th scope=\"col\">rule</th></tr></thead>\n<tbody>\n");
        for (ReasonView r : page.reasons()) {
            out.append("<tr><td><code>").append(text(r.code())).append("</code></td><td>").append(text(r.message()))
                    .append("</td><td>").append(text(r.rule())).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
        if (!page.details().isEmpty()) {
            out.append("<h2>Details</h2>\n<table class=\"details\">\n<tbody>\n");
            fields(out, page.details());
            out.append("</tbody></table>\n");
        }
        out.append("<h2>Fired, in order</h2>\n<ol class=\"compact fired-rules\">\n");
        page.firedRules().forEach(r -> out.append("<li>").append(text(r)).append("</li>\n"));
        out.append("</ol>\n");
        if (page.firedRules().isEmpty()) {
            out.append("<p>(nothing fired)</p>\n");
        }
        out.append("<h2>The ").append(text(page.kind())).append(" tables</h2>\n<ul class=\"legend\" aria-label=\"legend\">")
                .append(legend("fired", "var(--fired)", "fired for this request (its place in the order)"))
                .append("<li>a row that did not fire says why: the first condition that failed and the value it saw"
                        + "</li></ul>\n");
        for (int i = 0; i < page.tables().size(); i++) {
            TableView table = page.tables().get(i);
            out.append("<section class=\"table\" id=\"").append(Html.id("table", table.file(), i))
                    .append("\" data-file=\"").append(attr(table.file())).append("\">\n<h3>").append(text(table.file()))
                    .append("</h3>\n");
            sheet(out, table, false);
            out.append("</section>\n");
        }
        out.append("<h2>Rules that did not fire</h2>\n<ul class=\"compact not-fired-rules\">\n");
        page.notFiredRules().forEach(r -> out.append("<li>").append(text(r)).append("</li>\n"));
        out.append("</ul>\n");
        return out.toString();
    }

    private static void fields(StringBuilder out, List<Field> fields) {
        for (Field f : fields) {
            out.append("<tr><th scope=\"row\"><code>").append(text(f.name())).append("</code></th><td>")
                    .append(text(f.value())).append("</td></tr>\n");
        }
    }

    // ---- the diff page -------------------------------------------------------------------------------------------

    private static String diff(DiffPage page) {
        StringBuilder out = new StringBuilder(32 * 1024);
        out.append("<ul class=\"summary\">\n<li>before <code>").append(text(page.oldRules())).append("</code></li>\n")
                .append("<li>after <code>").append(text(page.newRules())).append("</code></li>\n<li>requests <code>")
                .append(text(page.requestsName())).append("</code></li>\n<li id=\"decided\">")
                .append(page.requests()).append(" requests decided by both</li>\n<li class=\"")
                .append(page.changed() > 0 ? "bad" : "good").append("\" id=\"changed\">").append(page.changed())
                .append(" decisions changed</li>\n");
        if (page.unreadableCount() > 0) {
            out.append("<li class=\"bad\">").append(page.unreadableCount()).append(" could not be decided</li>\n");
        }
        out.append("</ul>\n");

        out.append("<h2>Approval rates by profile, before and after</h2>\n");
        chart(out, page.groups());

        out.append("<h2>Outcomes by profile: before → after</h2>\n<p class=\"muted\">Rows: the outcome before; columns:"
                + " the outcome after. The diagonal is unchanged; a highlighted cell off it moved.</p>\n");
        for (ProfileDiff group : page.groups()) {
            matrix(out, group);
        }

        out.append("<h2>Reasons that appeared and disappeared</h2>\n");
        if (page.reasons().isEmpty()) {
            out.append("<p>None.</p>\n");
        } else {
            out.append("<table class=\"reason-moves\">\n<thead><tr><th scope=\"col\">reason</th>"
                    + "<th scope=\"col\">appeared in</th><th scope=\"col\">disappeared from</th></tr></thead>\n<tbody>\n");
            for (ReasonMove m : page.reasons()) {
                out.append("<tr data-code=\"").append(attr(m.code())).append("\"><td><code>").append(text(m.code()))
                        .append("</code></td><td class=\"appeared\">").append(m.appeared() == 0 ? "" : "+" + m.appeared())
                        .append("</td><td class=\"disappeared\">").append(m.disappeared() == 0 ? "" : "−" + m.disappeared())
                        .append("</td></tr>\n");
            }
            out.append("</tbody></table>\n");
        }

        out.append("<h2>Changed requests (the first ").append(page.sample().size()).append(" of ")
                .append(page.changed()).append(")</h2>\n");
        if (!page.sample().isEmpty()) {
            out.append("<div class=\"scroll\"><table class=\"changed\">\n<thead><tr><th scope=\"col\">line</th>"
                    + "<th scope=\"col\">id</th><th scope=\"col\">decision</th><th scope=\"col\">before</th>"
                    + "<th scope=\"col\">after</th><th scope=\"col\">request</th></tr></thead>\n<tbody>\n");
            for (ChangedRequest c : page.sample()) {
                out.append("<tr data-line=\"").append(c.line()).append("\"><td>").append(c.line()).append("</td><td>")
                        .append(text(c.id())).append("</td><td>").append(text(c.kind())).append(" · ")
                        .append(text(c.profile())).append("</td><td class=\"before\">").append(decision(c.before()))
                        .append("</td><td class=\"after\">").append(decision(c.after()))
                        .append("</td><td><code>").append(text(c.request())).append("</code></td></tr>\n");
            }
            out.append("</tbody></table></div>\n");
        }
        if (!page.unreadable().isEmpty()) {
            out.append("<h2>Requests that could not be decided</h2>\n<ul class=\"compact\">\n");
            page.unreadable().forEach(u -> out.append("<li><code>").append(text(u)).append("</code></li>\n"));
            out.append("</ul>\n");
        }
        return out.toString();
    }

    private static String decision(DecisionView d) {
        StringBuilder out = new StringBuilder("<span class=\"outcome\">").append(text(d.outcome())).append("</span>");
        for (String code : d.reasons()) {
            out.append("<br><code>").append(text(code)).append("</code>");
        }
        for (Field f : d.details()) {
            out.append("<br>").append(text(f.name())).append(": ").append(text(f.value()));
        }
        return out.toString();
    }

    private static void matrix(StringBuilder out, ProfileDiff group) {
        String label = group.kind() + " · " + group.profile();
        out.append("<section class=\"profile-diff\" data-kind=\"").append(attr(group.kind())).append("\" data-profile=\"")
                .append(attr(group.profile())).append("\">\n<h3>").append(text(label)).append(" <span class=\"muted\">(")
                .append(group.total()).append(" requests)</span></h3>\n<div class=\"scroll\"><table class=\"matrix\">\n"
                        + "<caption class=\"muted\">").append(text(label)).append(": before ↓, after →</caption>\n"
                        + "<thead><tr><th scope=\"col\">before \\ after</th>");
        for (String after : group.outcomes()) {
            out.append("<th scope=\"col\">").append(text(after)).append("</th>");
        }
        out.append("<th scope=\"col\" class=\"total\">total before</th></tr></thead>\n<tbody>\n");
        for (String before : group.outcomes()) {
            out.append("<tr><th scope=\"row\">").append(text(before)).append("</th>");
            long rowTotal = 0;
            for (String after : group.outcomes()) {
                long n = group.count(before, after);
                rowTotal += n;
                String cls = n == 0 ? "zero" : before.equals(after) ? "same" : "moved";
                out.append("<td class=\"").append(cls).append("\" data-before=\"").append(attr(before))
                        .append("\" data-after=\"").append(attr(after)).append("\">").append(n).append("</td>");
            }
            out.append("<td class=\"total\" data-before=\"").append(attr(before)).append("\" data-after=\"*\">")
                    .append(rowTotal).append("</td></tr>\n");
        }
        out.append("<tr><th scope=\"row\" class=\"total\">total after</th>");
        for (String after : group.outcomes()) {
            long colTotal = 0;
            for (String before : group.outcomes()) {
                colTotal += group.count(before, after);
            }
            out.append("<td class=\"total\" data-before=\"*\" data-after=\"").append(attr(after)).append("\">")
                    .append(colTotal).append("</td>");
        }
        out.append("<td class=\"total\" data-before=\"*\" data-after=\"*\">").append(group.total())
                .append("</td></tr>\n</tbody></table></div>\n");
        if (!group.approvedOutcome().isEmpty() && group.total() > 0) {
            out.append("<p class=\"rates\">").append(text(group.approvedOutcome())).append(": before <strong class=\"rate-before\">")
                    .append(percent(group.approvedBefore(), group.total(), RoundingMode.HALF_UP)).append("%</strong> (")
                    .append(group.approvedBefore()).append(" of ").append(group.total())
                    .append("), after <strong class=\"rate-after\">")
                    .append(percent(group.approvedAfter(), group.total(), RoundingMode.HALF_UP)).append("%</strong> (")
                    .append(group.approvedAfter()).append(" of ").append(group.total()).append(")</p>\n");
        }
        out.append("</section>\n");
    }

    /** The approval rate of each kind and profile, before and after, as horizontal bars with their numbers. */
    private static void chart(StringBuilder out, List<ProfileDiff> groups) {
        List<ProfileDiff> shown = groups.stream().filter(g -> !g.approvedOutcome().isEmpty() && g.total() > 0).toList();
        if (shown.isEmpty()) {
            out.append("<p>No decisions.</p>\n");
            return;
        }
        int labelWidth = 250;
        int rowHeight = 44;
        int top = 30;
        int width = labelWidth + BAR_AREA + 150;
        int height = top + rowHeight * shown.size() + 10;
        out.append("<svg class=\"rates-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" role=\"img\" aria-labelledby=\"rates-title\" font-family=\"system-ui, "
                        + "'Noto Sans', 'Noto Sans CJK SC', 'WenQuanYi Zen Hei', sans-serif\" font-size=\"13\">\n")
                .append("<title id=\"rates-title\">Share of requests approved, per decision kind and profile, before"
                        + " and after</title>\n")
                .append("<rect x=\"").append(labelWidth).append("\" y=\"6\" width=\"14\" height=\"12\" fill=\"#7d93ab\"/>")
                .append("<text x=\"").append(labelWidth + 20).append("\" y=\"17\">before</text>")
                .append("<rect x=\"").append(labelWidth + 90).append("\" y=\"6\" width=\"14\" height=\"12\" fill=\"#e07b00\"/>")
                .append("<text x=\"").append(labelWidth + 110).append("\" y=\"17\">after</text>\n");
        for (int i = 0; i < shown.size(); i++) {
            ProfileDiff g = shown.get(i);
            int y = top + i * rowHeight;
            BigDecimal before = percent(g.approvedBefore(), g.total(), RoundingMode.HALF_UP);
            BigDecimal after = percent(g.approvedAfter(), g.total(), RoundingMode.HALF_UP);
            out.append("<g class=\"bars\" data-kind=\"").append(attr(g.kind())).append("\" data-profile=\"")
                    .append(attr(g.profile())).append("\">\n<text x=\"0\" y=\"").append(y + 23).append("\">")
                    .append(text(g.kind() + " · " + g.profile())).append("</text>\n");
            bar(out, labelWidth, y + 4, before, "#7d93ab", "before", g.approvedOutcome());
            bar(out, labelWidth, y + 22, after, "#e07b00", "after", g.approvedOutcome());
            out.append("</g>\n");
        }
        out.append("<line x1=\"").append(labelWidth).append("\" y1=\"").append(top - 4).append("\" x2=\"")
                .append(labelWidth).append("\" y2=\"").append(height - 6).append("\" stroke=\"#5b6570\"/>\n</svg>\n");
    }

    private static void bar(StringBuilder out, int x, int y, BigDecimal percent, String colour, String which,
            String outcome) {
        BigDecimal length = percent.multiply(BigDecimal.valueOf(BAR_AREA)).divide(BigDecimal.valueOf(100), 1,
                RoundingMode.HALF_UP);
        out.append("<rect class=\"bar-").append(which).append("\" x=\"").append(x).append("\" y=\"").append(y)
                .append("\" width=\"").append(length.toPlainString()).append("\" height=\"15\" fill=\"").append(colour)
                .append("\"><title>").append(which).append(": ").append(percent.toPlainString()).append("% ")
                .append(text(outcome)).append("</title></rect>")
                .append("<text class=\"rate-").append(which).append("\" x=\"")
                .append(length.add(BigDecimal.valueOf(x + 6)).toPlainString()).append("\" y=\"").append(y + 12)
                .append("\">").append(which).append(' ').append(percent.toPlainString()).append("%</text>\n");
    }

    // ---- numbers -------------------------------------------------------------------------------------------------

    /** {@code part} of {@code whole} in percent with one decimal; 100.0 when the whole is 0. */
    static BigDecimal percent(long part, long whole, RoundingMode rounding) {
        if (whole == 0) {
            return new BigDecimal("100.0");
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(whole), 1, rounding);
    }

    private static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
