package dev.payafter.facts;

import dev.payafter.deduction.LossBearer;

/** {@link Findings} of a fast-refund decision, plus the notice an approval carries. */
public final class RefundFindings extends Findings {
    private String notice;
    private LossBearer lossIfShippedUntracked;

    /** The platform's notice to show with an automatic approval. */
    public void notice(String text) {
        open();
        this.notice = text;
    }

    public String notice() {
        return notice;
    }

    /** Who bears the loss of an approval should the goods have shipped untracked. */
    public void lossIfShippedUntracked(LossBearer bearer) {
        open();
        this.lossIfShippedUntracked = bearer;
    }

    public LossBearer lossIfShippedUntracked() {
        return lossIfShippedUntracked;
    }
}
