package io.mentorium.adapters.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.Trials;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Trials are claimed on the chats' turns, several chats to a transaction. Two such transactions holding parents of the
 * same children in opposite orders must not deadlock: PostgreSQL would find it only after {@code deadlock_timeout}
 * (a second, with both batches stalled) and fail one of them.
 */
class JdbiTrialsConcurrencyTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private static final LearnerId JASUR = new LearnerId("lrn-jasur");
    private static final LearnerId MALIKA = new LearnerId("lrn-malika");

    @Test
    void twoBatchesClaimingOneFamilysChildrenInOppositeOrdersBothCommit() throws Exception {
        db.truncate();
        Trials trials = new JdbiTrials(db.jdbi());
        JdbiTransactionRunner transactions = new JdbiTransactionRunner(db.jdbi());
        CountDownLatch firstClaimed = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        AtomicBoolean secondClaimedFirst = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            // One batch: the mother (Jasur), then the grandmother (Malika).
            CompletableFuture<Void> one = CompletableFuture.runAsync(() -> transactions.inTransaction(() -> {
                trials.claim(new TelegramUserId(1), List.of(JASUR), START, START.plus(Duration.ofDays(7)));
                firstClaimed.countDown();
                await(goOn);
                trials.claim(new TelegramUserId(2), List.of(MALIKA), START, START.plus(Duration.ofDays(7)));
                return null;
            }), threads);
            // The other batch: the father (Malika), then the grandfather (Jasur).
            CompletableFuture<Void> other = CompletableFuture.runAsync(() -> transactions.inTransaction(() -> {
                await(firstClaimed);
                trials.claim(new TelegramUserId(3), List.of(MALIKA), START, START.plus(Duration.ofDays(7)));
                secondClaimedFirst.set(true);
                trials.claim(new TelegramUserId(4), List.of(JASUR), START, START.plus(Duration.ofDays(7)));
                return null;
            }), threads);

            // The first batch goes on once the other has claimed Malika, or is seen waiting to. Watched from here,
            // outside both transactions: inside one, every read of pg_stat_activity answers from its first snapshot.
            await(firstClaimed);
            awaitOr(secondClaimedFirst);
            goOn.countDown();
            // Longer than each wait inside, so that a wait that gives up is reported as itself.
            CompletableFuture.allOf(one, other).get(2 * DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }

        // One family, one trial: the batch that claimed first gave it to both of its parents' children.
        List<String> claimed = db.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT learner_id || ':' || parent_id FROM bot.trial_learners ORDER BY learner_id")
                .mapTo(String.class).list());
        assertThat(claimed).containsExactly("lrn-jasur:1", "lrn-malika:2");
        assertThat(trials.find(new TelegramUserId(3)).orElseThrow().endsAt()).isEqualTo(START);
        assertThat(trials.find(new TelegramUserId(4)).orElseThrow().endsAt()).isEqualTo(START);
    }

    private static void awaitOr(AtomicBoolean done) {
        LockWaits.awaitSomeoneWaitingOr(db.jdbi(), DEADLINE, done::get);
    }

    private static void await(CountDownLatch latch) {
        LockWaits.await(latch, DEADLINE);
    }
}
