/**
 * The analysts' HTML report: a self-contained static page per part (the rule set with its tables, fire counts,
 * findings and scenarios; one explained request; a diff of two rule sets by profile), no server and nothing fetched.
 * Build a {@link dev.payafter.tools.report.ReportModel} with {@link dev.payafter.tools.report.ReportModels} and
 * write it with {@link dev.payafter.tools.report.HtmlReport#write}.
 */
package dev.payafter.tools.report;
