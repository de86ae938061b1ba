package dev.payafter.bench.peers;

import dev.payafter.refund.RefundRequest;

/** The fast-refund decision of {@code rules/refund/*.drl} on a peer engine; safe to call from several threads. */
public interface RefundPeer {
    PeerDecision decide(PeerPolicy policy, RefundRequest request);
}
