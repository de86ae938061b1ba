package dev.payafter.tools.backtest.spark;

import java.io.Serializable;

/**
 * One row of the replay, as a Spark bean: a changed (or not reproduced) decision, or a tally of {@code count}
 * unchanged decisions of one profile and kind in one partition ({@code orderId} null). Money as exact text.
 */
public class ReplayRow implements Serializable {
    private static final long serialVersionUID = 1L;
    private String joinKey;
    private String profile;
    private String kind;
    private String move;
    private boolean reproduced;
    private String orderId;
    private String consumerId;
    private String amount;
    private String decidedAt;
    private String oldDecision;
    private String newDecision;
    private String mismatch;
    private long count;

    public String getJoinKey() {
        return joinKey;
    }

    public void setJoinKey(String v) {
        joinKey = v;
    }

    public String getProfile() {
        return profile;
    }

    public void setProfile(String v) {
        profile = v;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String v) {
        kind = v;
    }

    public String getMove() {
        return move;
    }

    public void setMove(String v) {
        move = v;
    }

    public boolean isReproduced() {
        return reproduced;
    }

    public void setReproduced(boolean v) {
        reproduced = v;
    }

    public String getOrderId() {
        return orderId;
    }

    public void setOrderId(String v) {
        orderId = v;
    }

    public String getConsumerId() {
        return consumerId;
    }

    public void setConsumerId(String v) {
        consumerId = v;
    }

    public String getAmount() {
        return amount;
    }

    public void setAmount(String v) {
        amount = v;
    }

    public String getDecidedAt() {
        return decidedAt;
    }

    public void setDecidedAt(String v) {
        decidedAt = v;
    }

    public String getOldDecision() {
        return oldDecision;
    }

    public void setOldDecision(String v) {
        oldDecision = v;
    }

    public String getNewDecision() {
        return newDecision;
    }

    public void setNewDecision(String v) {
        newDecision = v;
    }

    public String getMismatch() {
        return mismatch;
    }

    public void setMismatch(String v) {
        mismatch = v;
    }

    public long getCount() {
        return count;
    }

    public void setCount(long v) {
        count = v;
    }
}
