package dev.payafter.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payafter.PayAfterEngine;
import dev.payafter.RuleCompilationException;
import dev.payafter.TestRules;
import dev.payafter.internal.RuleSource;
import dev.payafter.refund.Buyer;
import dev.payafter.refund.CategoryType;
import dev.payafter.refund.RefundOutcome;
import dev.payafter.refund.RefundRequest;
import dev.payafter.refund.ShippingStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, section 4: a reload never serves a file mid-write. The watcher reloads only once every file's size and
 * modification time are the same over two polls after the quiet time; a directory read is checked again after
 * reading; a symbolic link inside the rule set, or a hidden file named like a rule file, is an error naming it
 * (never skipped while validate says OK); a rules root that is a link is followed, and swapping it publishes a whole
 * rule set at once; a byte-order mark at the start of a DRL or CSV file is read as a mark.
 */
class StableReloadTest {
    static final String TABLE = "refund/excluded-categories.drl.csv";

    static RefundRequest customMade() {
        return new RefundRequest("order-custom", Buyer.judgedByHost("buyer-1", true), new BigDecimal("10.00"),
                ShippingStatus.UNSHIPPED, CategoryType.CUSTOM_MADE, false);
    }

    @Test
    void aTableWrittenInTwoStepsUnderTheWatchIsNeverServedHalfWritten(@TempDir Path temp) throws Exception {
        Path rules = TestRules.copyOfBundled(temp);
        byte[] whole = Files.readAllBytes(rules.resolve(TABLE));
        String text = new String(whole, StandardCharsets.UTF_8);
        int cut = text.indexOf("kuaishou,CUSTOM_MADE") + "kuaishou,CUST".length(); // mid-row: the exclusion row
        BlockingQueue<ReloadResult> results = new LinkedBlockingQueue<>();
        List<RefundOutcome> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean deciding = new AtomicBoolean(true);
        try (PayAfterEngine engine = PayAfterEngine.builder().rules(rules).profile("kuaishou")
                .watchRules(Duration.ofMillis(800)).onReload(results::add).build()) {
            Thread decider = new Thread(() -> {
                while (deciding.get()) {
                    seen.add(engine.decide(customMade()).outcome());
                }
            });
            decider.start();
            for (int round = 0; round < 2; round++) {
                // an editor that writes the file in two steps, a pause between them
                try (OutputStream out = Files.newOutputStream(rules.resolve(TABLE), StandardOpenOption.TRUNCATE_EXISTING)) {
                    out.write(whole, 0, cut);
                    out.flush();
                    Thread.sleep(300); // the writer's pause (shorter than the quiet time), not a wait for the engine
                    out.write(whole, cut, whole.length - cut);
                }
                Files.writeString(rules.resolve("refund/notes.md"), "round " + round); // a change that counts: none
                ReloadResult result = results.poll(60, TimeUnit.SECONDS);
                assertThat(result).as("the watcher's reload once the file is whole").isNotNull();
                assertThat(result.status()).as("the whole file is the serving version").isEqualTo(
                        ReloadResult.Status.UNCHANGED);
                assertThat(results.poll(1, TimeUnit.SECONDS)).as("no second reload (half-written)").isNull();
            }
            deciding.set(false);
            decider.join();
        }
        assertThat(seen).isNotEmpty().doesNotContain(RefundOutcome.AUTO_APPROVED);
    }

    @Test
    void aDirectoryReadIsTheFilesAsTheyWereThroughoutTheRead(@TempDir Path temp) throws Exception {
        Path rules = TestRules.copyOfBundled(temp);
        Path drl = rules.resolve("refund/fast-refund.drl");
        String a = Files.readString(drl);
        String b = a + "\n// the same rules, another version\n";
        String versionA = RuleSource.fromDirectory(rules).version();
        Files.writeString(drl, b);
        String versionB = RuleSource.fromDirectory(rules).version();
        Files.writeString(drl, ""); // between a writer's truncate and its write: a state that is on disk too
        String versionEmpty = RuleSource.fromDirectory(rules).version();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> { // rewrites a rule file in place (truncate, then write) over and over
            for (int i = 0; writing.get(); i++) {
                try {
                    Files.writeString(drl, i % 2 == 0 ? a : b);
                } catch (IOException e) {
                    return;
                }
            }
        });
        writer.start();
        int read = 0;
        int refused = 0;
        try {
            for (int i = 0; i < 30; i++) {
                try {
                    RuleSource source = RuleSource.fromDirectory(rules);
                    // what was on disk at one moment (a writer preempted after truncating leaves an empty file there
                    // for as long as it likes: only the watcher's quiet time, or a rename, keeps that from serving)
                    assertThat(source.version()).as("a state the files had").isIn(versionA, versionB, versionEmpty);
                    read++;
                } catch (dev.payafter.PayAfterException e) {
                    assertThat(e).hasMessageContaining("changed while they were read");
                    refused++;
                }
            }
        } finally {
            writing.set(false);
            writer.join();
        }
        assertThat(read + refused).isEqualTo(30);
    }

    @Test
    void aSymlinkedFolderOrFileInsideTheRulesIsAnErrorNamingIt(@TempDir Path temp) throws IOException {
        Path rules = TestRules.copyOfBundled(temp.resolve("a"));
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Path refund = rules.resolve("refund");
        try (var files = Files.list(refund)) {
            for (Path file : files.toList()) {
                Files.move(file, elsewhere.resolve(file.getFileName()));
            }
        }
        Files.delete(refund);
        Files.createSymbolicLink(refund, elsewhere);
        Files.createSymbolicLink(rules.resolve("eligibility/extra.drl"), elsewhere.resolve("fast-refund.drl"));

        RuleSource source = RuleSource.fromDirectory(rules);
        assertThat(source.problems()).extracting(p -> p.file().toString() + ": " + p.message())
                .anyMatch(p -> p.startsWith(refund + ": is a symbolic link"))
                .anyMatch(p -> p.startsWith(rules.resolve("eligibility/extra.drl") + ": is a symbolic link"));
        assertThatThrownBy(() -> PayAfterEngine.builder().rules(rules).profile("kuaishou").build())
                .isInstanceOf(RuleCompilationException.class).hasMessageContaining("refund: is a symbolic link");
    }

    @Test
    void aRulesRootThatIsALinkIsFollowedAndSwappingTheLinkPublishesAWholeRuleSet(@TempDir Path temp)
            throws Exception {
        Path v1 = TestRules.copyOfBundled(temp.resolve("v1"));
        Path v2 = TestRules.copyOfBundled(temp.resolve("v2"));
        TestRules.replace(v2, TABLE, "kuaishou,VIRTUAL,true", "kuaishou,VIRTUAL,true\nkuaishou,PHYSICAL,true");
        Path live = temp.resolve("rules");
        Files.createSymbolicLink(live, v1);
        BlockingQueue<ReloadResult> results = new LinkedBlockingQueue<>();
        try (PayAfterEngine engine = PayAfterEngine.builder().rules(live).profile("kuaishou")
                .watchRules(Duration.ofMillis(100)).onReload(results::add).build()) {
            String before = engine.ruleSet().version();
            assertThat(before).isEqualTo(RuleSource.fromDirectory(v1).version());
            Path next = temp.resolve("rules.next");
            Files.createSymbolicLink(next, v2);
            Files.move(next, live, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

            ReloadResult result = results.poll(60, TimeUnit.SECONDS);
            assertThat(result).as("the watcher sees the link swapped").isNotNull();
            assertThat(result.status()).isEqualTo(ReloadResult.Status.SWAPPED);
            assertThat(engine.ruleSet().version()).isEqualTo(RuleSource.fromDirectory(v2).version()).isNotEqualTo(before);
            assertThat(engine.decide(dev.payafter.Requests.refund("10.00")).outcome())
                    .as("v2 excludes physical goods").isEqualTo(RefundOutcome.MANUAL_REVIEW);
        }
    }

    @Test
    void aHiddenFileNamedLikeARuleFileIsAnErrorAndAnEditorLockFileIsNot(@TempDir Path temp) throws IOException {
        Path rules = TestRules.copyOfBundled(temp);
        Files.writeString(rules.resolve("refund/.~lock.fast-refund-policy.drl.xlsx#"), "lock");
        Files.writeString(rules.resolve("refund/.fast-refund-policy.drl.csv.tmp"), "half");
        assertThat(RuleSource.fromDirectory(rules).problems()).isEmpty();

        Files.writeString(rules.resolve("refund/.stricter.drl"), "package refund;");
        Files.writeString(rules.resolve(".profiles.csv"), "id");
        assertThat(RuleSource.fromDirectory(rules).problems()).extracting(p -> p.file().getFileName().toString())
                .containsExactlyInAnyOrder(".stricter.drl", ".profiles.csv");
        assertThat(RuleSource.fromDirectory(rules).problems()).allSatisfy(p -> assertThat(p.message())
                .contains("starts with \".\", so it would never load"));
    }

    @Test
    void aByteOrderMarkAtTheStartOfADrlOrCsvFileIsReadAsAMark(@TempDir Path temp) throws IOException {
        Path rules = TestRules.copyOfBundled(temp);
        String version = RuleSource.fromDirectory(rules).version();
        for (String file : List.of("refund/fast-refund.drl", TABLE, "profiles.csv",
                "eligibility/eligibility-policy.drl.csv")) {
            byte[] bytes = Files.readAllBytes(rules.resolve(file));
            byte[] marked = new byte[bytes.length + 3];
            marked[0] = (byte) 0xEF;
            marked[1] = (byte) 0xBB;
            marked[2] = (byte) 0xBF;
            System.arraycopy(bytes, 0, marked, 3, bytes.length);
            Files.write(rules.resolve(file), marked);
        }
        assertThat(RuleSource.fromDirectory(rules).version()).as("the same rules, marked or not").isEqualTo(version);
        try (PayAfterEngine engine = PayAfterEngine.builder().rules(rules).profile("kuaishou").build()) {
            assertThat(engine.ruleSet().version()).isEqualTo(version);
            assertThat(engine.decide(customMade()).outcome()).isEqualTo(RefundOutcome.MANUAL_REVIEW);
            assertThat(engine.decide(dev.payafter.Requests.refund("10.00")).outcome())
                    .isEqualTo(RefundOutcome.AUTO_APPROVED);
        }
    }
}
