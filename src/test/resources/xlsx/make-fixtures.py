#!/usr/bin/env python3
"""Writes the spreadsheet fixtures as flat ODS and has LibreOffice convert them to .xlsx, the way an analyst's
LibreOffice saves them. Run from this folder: python3 make-fixtures.py (needs soffice from libreoffice-calc).
The .xlsx files are committed; the build never runs this script. (Issue 13: the three *.drl.xlsx files' title cells
were then given their " (optional)" markers with Apache POI, since no LibreOffice was at hand; re-running this
script writes the same titles.)

Cells: a str is a text cell ("550" typed as text stays text), an int/float a number cell, a bool a boolean
cell, None an empty cell; ("merge", n, value) spans n columns (a merged cell)."""
import os
import subprocess
from xml.sax.saxutils import escape

def cell(value):
    if isinstance(value, tuple) and value[0] == "merge":
        _, n, inner = value
        return cell(inner).replace("<table:table-cell", '<table:table-cell table:number-columns-spanned="%d"' % n, 1) \
            + "<table:covered-table-cell/>" * (n - 1)
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, bool):
        v = "true" if value else "false"
        return '<table:table-cell office:value-type="boolean" office:boolean-value="%s"><text:p>%s</text:p></table:table-cell>' % (v, v.upper())
    if isinstance(value, (int, float)):
        return '<table:table-cell office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>' % (value, value)
    text = escape(value)
    stripped = text.rstrip(" ")
    spaces = len(text) - len(stripped)
    return '<table:table-cell office:value-type="string"><text:p>%s%s</text:p></table:table-cell>' % (
        stripped, '<text:s text:c="%d"/>' % spaces if spaces else "")

def fods(path, sheet, rows):
    body = "".join("<table:table-row>%s</table:table-row>" % "".join(cell(c) for c in row) for row in rows)
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
                'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2" '
                'office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'
                '<office:body><office:spreadsheet><table:table table:name="%s">%s</table:table>'
                '</office:spreadsheet></office:body></office:document>' % (sheet, body))

POLICY_HEAD = [
    ["RuleSet", "eligibility"],
    ["Import", "dev.payafter.facts.EligibilityPolicy, dev.payafter.eligibility.Scenario, dev.payafter.eligibility.ScoreProvider"],
    ["Sequential", "true"],
    ["Notes", "Written by LibreOffice: a merged title and object-type cell, a number typed as text, trailing spaces."],
    [],
    [("merge", 8, "RuleTable Eligibility policy")],
    ["CONDITION", "CONDITION", "ACTION", "ACTION", "ACTION", "ACTION", "ACTION", "ACTION"],
    [("merge", 2, "$policy : EligibilityPolicy"), None, None, None, None, None, None],
    ["profile", "scenario == Scenario.$param", "modify($policy){ setScoreProvider(ScoreProvider.$param) }",
     "modify($policy){ setMinimumScore($param) }", "modify($policy){ setMerchantThresholdRequired($param) }",
     "modify($policy){ setRiskAssessmentRequired($param) }", "modify($policy){ setFreeTrialDays($param) }",
     "modify($policy){ setMaxOverdueOrders($param) }"],
    ["Profile", "Scenario", "Score provider", "Minimum score", "Merchant threshold required (optional)",
     "Risk assessment required (optional)", "Free trial days (optional)", "Max overdue unpaid orders"],
]
POLICY_ROWS = [
    ["kuaishou ", "ECOMMERCE_GOODS", "ZHIMA", "550", None, None, None, 0],     # trailing space; 550 typed as text
    ["tmall", "ECOMMERCE_GOODS ", "ZHIMA", 550, None, None, 7, 0],
    ["zhima-650", "ECOMMERCE_GOODS", "ZHIMA", 650, None, None, None, 0],
    ["jd", "ECOMMERCE_GOODS", "JD_XIAOBAI", 300, None, "true", None, 0],
    ["wechat-pay-score", "SHIP_FIRST_PAY_LATER", "WECHAT_PAY_SCORE", 550, None, None, None, 0],
    ["wechat-pay-score", "PARK_FIRST_PAY_LATER", "WECHAT_PAY_SCORE", 550, None, None, None, 0],
    ["wechat-pay-score", "DEPOSIT_FREE_RENTAL", "WECHAT_PAY_SCORE", 550, None, None, None, 0],
    ["alipay", "DEPOSIT_FREE_RENTAL", "ZHIMA", 550, "true", None, None, 0],
    ["alipay", "STAGED_SERVICE_PAYMENT", "ZHIMA", 550, "true", None, None, 0],
    ["alipay", "TELECOM", "ZHIMA", 550, "true", None, None, 0],
]

def main():
    os.makedirs("build", exist_ok=True)
    fods("build/eligibility-policy.drl.fods", "Policy", POLICY_HEAD + POLICY_ROWS)
    fods("build/blank-row.drl.fods", "Policy", POLICY_HEAD + POLICY_ROWS[:3] + [[]] + POLICY_ROWS[3:])
    boolean = [list(r) for r in POLICY_ROWS]
    boolean[3][5] = True  # TRUE typed into a cell: LibreOffice makes it a boolean cell, which Drools reads as 1
    fods("build/boolean-cell.drl.fods", "Policy", POLICY_HEAD + boolean)
    fods("build/kuaishou.scenarios.fods", "Scenarios", [
        [("merge", 5, "Kuaishou eligibility: written in LibreOffice")],
        ["name", "zhima ", "amount", "expected_outcome", "expected_reasons"],
        ["Zhima 550 is eligible (typed as a number)", 550, 199.0, "ELIGIBLE", "ELIGIBLE"],
        ["Zhima 549 is refused (typed as text)", "549", "199.00", "INELIGIBLE ", "SCORE_BELOW_MINIMUM"],
        [],
        ["after a blank row: Zhima 600 is eligible", 600, 10, "ELIGIBLE", "ELIGIBLE"],
        ["trailing spaces in the cells", "700 ", "20.00 ", "ELIGIBLE", " ELIGIBLE "],
    ])
    fods("build/bad-cell.scenarios.fods", "Scenarios", [
        ["name", "zhima", "amount", "expected_outcome", "expected_reasons"],
        ["a score typed with a unit", "550 points", 10, "ELIGIBLE", "ELIGIBLE"],
    ])
    fods("build/merged-header.scenarios.fods", "Scenarios", [
        ["name", ("merge", 2, "zhima"), "expected_outcome", "expected_reasons"],
        ["merged header cell", 550, 10, "ELIGIBLE", "ELIGIBLE"],
    ])
    for name in os.listdir("build"):
        subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", ".", "build/" + name],
                       check=True, stdout=subprocess.DEVNULL)

if __name__ == "__main__":
    main()
