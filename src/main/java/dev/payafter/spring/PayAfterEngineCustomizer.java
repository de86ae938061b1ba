package dev.payafter.spring;

import dev.payafter.PayAfterEngine;

/**
 * A host's last word on the auto-configured engine's builder, after the {@code payafter.*} properties: a
 * challenger, an allow-list, a fire limit. Declare one as a bean.
 */
@FunctionalInterface
public interface PayAfterEngineCustomizer {
    void customize(PayAfterEngine.Builder builder);
}
