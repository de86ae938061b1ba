package dev.payafter.refund;

/** The kind of product category, as far as fast refund cares. Which kinds are excluded is set in the rules. */
public enum CategoryType {
    /** Ordinary physical goods. */
    PHYSICAL,
    /** Virtual goods (虚拟): top-ups, vouchers, digital content. */
    VIRTUAL,
    /** Custom-made goods (定制). */
    CUSTOM_MADE
}
