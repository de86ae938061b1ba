package dev.payafter.facts;

/** {@link Findings} of a fast-refund decision, plus the notice an approval carries. */
public final class RefundFindings extends Findings {
    private String notice;

    /** The platform's notice to show with an automatic approval. */
    public void notice(String text) {
        open();
        this.notice = text;
    }

    public String notice() {
        return notice;
    }
}
