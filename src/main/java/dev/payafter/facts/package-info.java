/**
 * The types the rules see: policies filled in by decision tables, the findings rules report into, and
 * {@link dev.payafter.facts.Now}. Analysts' DRL imports these; host applications never need them.
 */
package dev.payafter.facts;
