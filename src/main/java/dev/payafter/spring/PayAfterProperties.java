package dev.payafter.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code payafter.*} properties of the auto-configured engine.
 * <pre>
 * payafter.profile=kuaishou                 # required: the platform profile
 * payafter.rules=/etc/payafter/rules        # a rules directory; leave out (or "bundled") for the bundled rules
 * payafter.clock-zone=Asia/Shanghai         # the engine clock's zone (effective dates); UTC by default
 * payafter.label=RELEASE-42                 # a label of the loaded rule set
 * payafter.keep-versions=3                  # replaced rule sets kept for a rollback
 * payafter.watch=true                       # reload when the rules directory changes
 * payafter.watch-debounce=500ms
 * payafter.time-budget=200ms                # the longest one decision may take (fails closed past it)
 * payafter.require-scenario-tables=true     # a rule set must pass its scenario tables to serve (the gate)
 * payafter.audit.file=/var/log/payafter/decisions.jsonl
 * payafter.audit.max-size=64MB
 * payafter.audit.max-files=10
 * payafter.audit.log=true                   # the audit line through the slf4j logger payafter.audit
 * </pre>
 */
@ConfigurationProperties("payafter")
public class PayAfterProperties {
    /** The profile to decide under (required). */
    private String profile;
    /** A rules directory, or "bundled" (the default) for the rules inside the jar. */
    private String rules = "bundled";
    /** The engine clock's zone: decisions' dates for effective dates. */
    private String clockZone = "UTC";
    /** A label for the loaded rule set (a release ticket). */
    private String label = "";
    /** How many replaced rule sets to keep for a rollback. */
    private int keepVersions;
    /** Whether to reload when the rules directory changes (a directory only). */
    private boolean watch;
    /** How long the directory must be quiet before a watched change is reloaded. */
    private Duration watchDebounce = Duration.ofMillis(500);
    /** The longest one decision may take; it fails closed past it. Off when not set. */
    private Duration timeBudget;
    /** Whether a rule set must pass its own scenario tables to serve (a directory only). */
    private boolean requireScenarioTables;
    private final Audit audit = new Audit();

    /** The audit trail. */
    public static class Audit {
        /** A JSON Lines audit file; none when not set. */
        private String file;
        /** The size at which the audit file is rotated. */
        private DataSize maxSize = DataSize.ofMegabytes(64);
        /** How many rotated audit files to keep. */
        private int maxFiles = 10;
        /** Whether to log each decision's audit line through the slf4j logger payafter.audit. */
        private boolean log;

        public String getFile() {
            return file;
        }

        public void setFile(String file) {
            this.file = file;
        }

        public DataSize getMaxSize() {
            return maxSize;
        }

        public void setMaxSize(DataSize maxSize) {
            this.maxSize = maxSize;
        }

        public int getMaxFiles() {
            return maxFiles;
        }

        public void setMaxFiles(int maxFiles) {
            this.maxFiles = maxFiles;
        }

        public boolean isLog() {
            return log;
        }

        public void setLog(boolean log) {
            this.log = log;
        }
    }

    public String getProfile() {
        return profile;
    }

    public void setProfile(String profile) {
        this.profile = profile;
    }

    public String getRules() {
        return rules;
    }

    public void setRules(String rules) {
        this.rules = rules;
    }

    public String getClockZone() {
        return clockZone;
    }

    public void setClockZone(String clockZone) {
        this.clockZone = clockZone;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public int getKeepVersions() {
        return keepVersions;
    }

    public void setKeepVersions(int keepVersions) {
        this.keepVersions = keepVersions;
    }

    public boolean isWatch() {
        return watch;
    }

    public void setWatch(boolean watch) {
        this.watch = watch;
    }

    public Duration getWatchDebounce() {
        return watchDebounce;
    }

    public void setWatchDebounce(Duration watchDebounce) {
        this.watchDebounce = watchDebounce;
    }

    public Duration getTimeBudget() {
        return timeBudget;
    }

    public void setTimeBudget(Duration timeBudget) {
        this.timeBudget = timeBudget;
    }

    public boolean isRequireScenarioTables() {
        return requireScenarioTables;
    }

    public void setRequireScenarioTables(boolean requireScenarioTables) {
        this.requireScenarioTables = requireScenarioTables;
    }

    public Audit getAudit() {
        return audit;
    }

    /** Whether the rules are the bundled ones. */
    boolean bundled() {
        return rules == null || rules.isBlank() || rules.strip().equals("bundled");
    }
}
