package dev.payafter.tools.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.payafter.tools.report.ReportModel.Move;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The renderer without a browser: escaping of every text an analyst's files can put into a page, the pages' tags
 * and attributes, and byte-identical output. {@link ReportBrowserTest} opens the pages in Chromium.
 */
class HtmlReportTest {
    /** Hostile texts: markup in text and attribute position, a closing style tag, entities, controls, CJK. */
    static final List<String> VARIANTS = List.of(ReportFixtures.HOSTILE, "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>", "' onmouseover='alert(1)", "</style><style>body{display:none}",
            "a & b &amp; &lt;", "</textarea></title><svg onload=alert(1)>", "tab\tnew\nline\u0000nul\u0007bell\u009b",
            "先用后付 极速退款 \uD83D\uDE00", "lone \uD800 surrogate", ReportFixtures.LONG);

    @Test
    void escapesMarkupQuotesAndCharactersHtmlDoesNotAllow() {
        assertThat(Html.text("<a href=\"x\">'&'</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assertThat(Html.attr("\" onerror=\"x")).isEqualTo("&quot; onerror=&quot;x");
        assertThat(Html.text("tab\tline\nnul\u0000 c1\u0085 ffff\uFFFF")).isEqualTo("tab\tline\nnul\uFFFD c1\uFFFD ffff\uFFFD");
        assertThat(Html.text("先用后付 \uD83D\uDE00")).isEqualTo("先用后付 \uD83D\uDE00");
        assertThat(Html.text("a\uD800b\uDC00c")).isEqualTo("a\uFFFDb\uFFFDc");
        assertThat(Html.text(null)).isEmpty();
        assertThat(Html.text("plain")).isEqualTo("plain");
        assertThat(Html.id("table", "eligibility/eligibility-policy.drl.csv", 3))
                .isEqualTo("table-3-eligibility-eligibility-policy-drl-csv");
        assertThat(Html.id("t", "\"><script>", 0)).isEqualTo("t-0-script");
    }

    @Test
    void everyTextFromTheAnalystsFilesIsDrawnAsText() {
        for (String hostile : VARIANTS) {
            Map<String, String> pages = HtmlReport.render(modelWith(hostile));
            assertThat(pages).containsOnlyKeys(HtmlReport.INDEX_PAGE, HtmlReport.RULES_PAGE, HtmlReport.EXPLAIN_PAGE,
                    HtmlReport.DIFF_PAGE);
            for (Map.Entry<String, String> page : pages.entrySet()) {
                String html = page.getValue();
                String what = page.getKey() + " with " + hostile;
                List<Tag> tags = tags(html);
                assertThat(tags).as(what).isNotEmpty();
                for (Tag tag : tags) {
                    assertThat(ALLOWED_TAGS).as(what + ": tag").contains(tag.name());
                    for (String attribute : tag.attributes().keySet()) {
                        assertThat(ALLOWED_ATTRIBUTES).as(what + ": attribute of <" + tag.name() + ">")
                                .contains(attribute);
                    }
                    String style = tag.attributes().get("style");
                    if (style != null) {
                        assertThat(style).as(what).matches("background:var\\(--[a-z-]+\\)");
                    }
                }
                assertThat(tags.stream().filter(t -> t.name().equals("style"))).as(what).hasSize(1);
                assertThat(html).as(what).doesNotContain("\u0000").doesNotContain("\u0007");
                assertThat(html).as(what).contains(Html.text(hostile.replaceAll("[\\u0000-\\u0008\\u0080-\\u009f]",
                        "\uFFFD").replace("\uD800", "\uFFFD")));
            }
        }
    }

    @Test
    void everyPageIsSelfContained() {
        for (String html : HtmlReport.render(modelWith("x")).values()) {
            assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; style-src"
                    + " &#39;unsafe-inline&#39;; img-src data:\">");
            for (Tag tag : tags(html)) {
                String href = tag.attributes().get("href");
                if (href != null) {
                    assertThat(href).as("links stay inside the report").matches("#[a-z0-9-]+|[a-z]+\\.html");
                }
                assertThat(tag.attributes()).doesNotContainKey("src");
            }
            assertThat(html).doesNotContain("<script").doesNotContain("@import").doesNotContain("url(");
        }
    }

    @Test
    void theSameModelGivesTheSameBytes(@TempDir Path dir) throws Exception {
        ReportModel model = modelWith(ReportFixtures.HOSTILE);
        List<Path> first = HtmlReport.write(model, dir.resolve("a"));
        List<Path> second = HtmlReport.write(modelWith(ReportFixtures.HOSTILE), dir.resolve("b"));
        assertThat(first).extracting(p -> p.getFileName().toString()).containsExactly("index.html", "report.html",
                "explain.html", "diff.html");
        for (int i = 0; i < first.size(); i++) {
            assertThat(Files.readAllBytes(second.get(i))).isEqualTo(Files.readAllBytes(first.get(i)));
        }
    }

    @Test
    void aReportNeedsAPage() {
        assertThatThrownBy(() -> new ReportModel("t", null, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one page");
    }

    @Test
    void percentagesAreExactDecimals() {
        assertThat(HtmlReport.percent(2, 3, java.math.RoundingMode.HALF_UP)).hasToString("66.7");
        assertThat(HtmlReport.percent(2, 3, java.math.RoundingMode.DOWN)).hasToString("66.6");
        assertThat(HtmlReport.percent(0, 0, java.math.RoundingMode.DOWN)).hasToString("100.0");
    }

    /** A model whose every analyst-supplied text is {@code s}. */
    static ReportModel modelWith(String s) {
        FindingView finding = new FindingView(s, "WARNING", "UNREACHABLE", s);
        TableView table = new TableView(s, s, 3, List.of(
                new RowView(1, RowKind.KEYWORD, null, List.of(new CellView(0, "Notes", List.of()),
                        new CellView(1, s, List.of())), null),
                new RowView(6, RowKind.TITLE, null, List.of(new CellView(0, s, List.of())), null),
                new RowView(7, RowKind.DATA, s, List.of(new CellView(0, s, List.of(finding)),
                        new CellView(2, s, List.of())), new FireCount(0, List.of())),
                new RowView(8, RowKind.DATA, s, List.of(new CellView(1, s, List.of())), new FireCount(3, List.of(s, s))),
                new RowView(9, RowKind.DATA, s, List.of(new CellView(1, s, List.of())), new Fired(1)),
                new RowView(10, RowKind.DATA, s, List.of(new CellView(1, s, List.of())), new NotFired(s))), null);
        TableView unreadable = new TableView(s, "", 0, List.of(), s);
        ScenarioTableView scenarios = new ScenarioTableView(s, s, List.of(
                new ScenarioView(2, s, List.of(), List.of(s)),
                new ScenarioView(3, s, List.of(new Mismatch(s, s, s)), List.of(s, s))), s);
        RulesPage rules = new RulesPage(s, s, List.of(table, unreadable), List.of(finding), List.of(scenarios), null, 4,
                List.of(new RuleRef(s, s)));
        ExplainPage explain = new ExplainPage(s, s, s, s, List.of(new Field(s, s)), s, List.of(new ReasonView(s, s, s)),
                List.of(new Field(s, s)), List.of(s), List.of(table), List.of(s));
        ProfileDiff group = new ProfileDiff(s, s, List.of(s, "B"), List.of(new Move(s, s, 2), new Move(s, "B", 1),
                new Move("B", "B", 4)), s);
        DiffPage diff = new DiffPage(s, s, s, 7, 1, List.of(group), List.of(new ReasonMove(s, 1, 0)),
                List.of(new ChangedRequest(1, s, s, s, s, new DecisionView(s, List.of(s), List.of(new Field(s, s))),
                        new DecisionView(s, List.of(s), List.of()))), List.of(s), 1);
        return new ReportModel(s, rules, explain, diff);
    }

    // ---- a small HTML tokenizer: every tag and its attributes, as a browser would split them --------------------

    static final Set<String> ALLOWED_TAGS = Set.of("html", "head", "meta", "title", "style", "body", "header", "nav",
            "a", "h1", "main", "h2", "h3", "h4", "p", "ul", "ol", "li", "span", "strong", "code", "table", "thead",
            "tbody", "tr", "th", "td", "caption", "div", "section", "details", "summary", "br", "footer", "svg", "rect",
            "text", "g", "line");
    static final Set<String> ALLOWED_ATTRIBUTES = Set.of("lang", "charset", "http-equiv", "content", "name", "href",
            "aria-current", "aria-label", "aria-labelledby", "class", "id", "data-file", "data-rule", "data-fired",
            "data-line", "data-kind", "data-profile", "data-before", "data-after", "data-code", "colspan", "scope",
            "title", "value", "style", "xmlns", "width", "height", "viewbox", "role", "font-family", "font-size", "x",
            "y", "x1", "y1", "x2", "y2", "fill", "stroke");

    record Tag(String name, Map<String, String> attributes) {
    }

    static List<Tag> tags(String html) {
        List<Tag> tags = new ArrayList<>();
        int i = 0;
        while ((i = html.indexOf('<', i)) >= 0) {
            i++;
            if (i < html.length() && html.charAt(i) == '!') { // the doctype
                i = html.indexOf('>', i) + 1;
                continue;
            }
            boolean end = i < html.length() && html.charAt(i) == '/';
            if (end) {
                i++;
            }
            int start = i;
            while (i < html.length() && Character.isLetterOrDigit(html.charAt(i))) {
                i++;
            }
            String name = html.substring(start, i).toLowerCase(java.util.Locale.ROOT);
            Map<String, String> attributes = new java.util.LinkedHashMap<>();
            while (i < html.length() && html.charAt(i) != '>') {
                char c = html.charAt(i);
                if (Character.isWhitespace(c) || c == '/') {
                    i++;
                    continue;
                }
                int a = i;
                while (i < html.length() && "\t\n\f\r />=".indexOf(html.charAt(i)) < 0) {
                    i++;
                }
                String attribute = html.substring(a, i).toLowerCase(java.util.Locale.ROOT);
                String value = "";
                if (i < html.length() && html.charAt(i) == '=') {
                    i++;
                    char quote = html.charAt(i);
                    if (quote == '"' || quote == '\'') {
                        int close = html.indexOf(quote, i + 1);
                        value = html.substring(i + 1, close);
                        i = close + 1;
                    } else {
                        int v = i;
                        while (i < html.length() && "\t\n\f\r >".indexOf(html.charAt(i)) < 0) {
                            i++;
                        }
                        value = html.substring(v, i);
                    }
                }
                attributes.put(attribute, value);
            }
            if (!end) {
                tags.add(new Tag(name, attributes));
                if (name.equals("style")) { // raw text up to its end tag, as a browser reads it
                    i = html.indexOf("</style", i);
                    continue;
                }
            }
        }
        return tags;
    }
}
