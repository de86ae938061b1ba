package dev.payafter.tools.backtest.spark;

import java.io.Serializable;

/** One checked outcome as a Spark bean, keyed like the replay rows ({@code kind TAB orderId}). */
public class OutcomeRow implements Serializable {
    private static final long serialVersionUID = 1L;
    private String outcomeKey;
    private String outcomeConsumerId;
    private String result;
    private String overdueAmount;

    public String getOutcomeKey() {
        return outcomeKey;
    }

    public void setOutcomeKey(String v) {
        outcomeKey = v;
    }

    public String getOutcomeConsumerId() {
        return outcomeConsumerId;
    }

    public void setOutcomeConsumerId(String v) {
        outcomeConsumerId = v;
    }

    public String getResult() {
        return result;
    }

    public void setResult(String v) {
        result = v;
    }

    public String getOverdueAmount() {
        return overdueAmount;
    }

    public void setOverdueAmount(String v) {
        overdueAmount = v;
    }
}
