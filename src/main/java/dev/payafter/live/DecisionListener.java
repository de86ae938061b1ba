package dev.payafter.live;

/**
 * Receives every decision the engine makes, with its request and how long it took, on the deciding thread,
 * after the decision is made. Keep it fast. An exception it throws is logged and otherwise ignored: a listener
 * never changes or loses a decision. {@link JsonLinesAuditSink} is a ready one.
 */
@FunctionalInterface
public interface DecisionListener {
    void onDecision(DecisionRecord record);
}
