package dev.payafter.reliability;

import java.util.concurrent.CountDownLatch;

/**
 * What the tests' runaway rules call (allowed with {@code allowRuleAccessTo}): a spin that only the test can end, so
 * that a stuck worker does not burn a core for the rest of the build, and a wait that only an interrupt ends.
 */
public final class RunawayControl {
    private static volatile boolean spinning = true;
    private static volatile CountDownLatch never = new CountDownLatch(1);

    private RunawayControl() {
    }

    /** Whether a spinning rule goes on spinning: nothing in the engine can make this false. */
    public static boolean spinning() {
        return spinning;
    }

    /** Blocks until the thread is interrupted (a rule that waits, as a sleeping one does). */
    public static void block() throws InterruptedException {
        never.await();
    }

    /** Lets every spinning rule end. */
    static void release() {
        spinning = false;
        never.countDown();
    }

    /** Spinning rules spin again. */
    static void arm() {
        spinning = true;
        never = new CountDownLatch(1);
    }
}
