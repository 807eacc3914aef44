package io.mentorium.adapters.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.Outbox.QueuedMessage;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.SendBudget;
import io.mentorium.domain.shared.ChatId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Claims, leases and the shared send budget over PostgreSQL. */
class JdbiOutboxClaimsTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static final Instant NOW = Instant.parse("2026-12-01T18:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    private JdbiOutbox outbox;

    @BeforeEach
    void empty() {
        db.truncate();
        outbox = new JdbiOutbox(db.jdbi());
    }

    private List<QueuedMessage> queue(int count) {
        List<Outgoing> messages = IntStream.rangeClosed(1, count)
                .<Outgoing>mapToObj(n -> new SendText(new ChatId(n), "report " + n)).toList();
        return outbox.enqueue(messages, NOW);
    }

    private List<QueuedMessage> claim(String owner, int limit, Instant now) {
        return outbox.claim(owner, Long.MIN_VALUE, limit, now, now, now.plus(LEASE), false);
    }

    @Test
    void concurrent_claims_take_disjoint_rows_and_together_every_row_once() throws Exception {
        queue(2_000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Long>>> claimers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String owner = "p" + i;
                Callable<List<Long>> drain = () -> {
                    List<Long> mine = new ArrayList<>();
                    List<QueuedMessage> page;
                    while (!(page = claim(owner, 50, NOW)).isEmpty()) {
                        page.forEach(row -> mine.add(row.id()));
                    }
                    return mine;
                };
                claimers.add(pool.submit(drain));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> claimer : claimers) {
                all.addAll(claimer.get());
            }
            assertThat(all).hasSize(2_000);
            assertThat(new HashSet<>(all)).hasSize(2_000);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_live_lease_keeps_others_off_an_expired_one_hands_the_rows_over_and_renewal_keeps_them() {
        queue(3);
        assertThat(claim("a", 10, NOW)).hasSize(3);

        assertThat(claim("b", 10, NOW.plusSeconds(29))).as("a's lease still runs").isEmpty();
        assertThat(outbox.renewClaims("a", NOW.plusSeconds(60))).isEqualTo(3);
        assertThat(claim("b", 10, NOW.plusSeconds(45))).as("renewed").isEmpty();
        assertThat(claim("b", 10, NOW.plusSeconds(61))).as("a died: its leases ran out").hasSize(3);
        assertThat(claimedBy()).containsOnly("b");
    }

    @Test
    void an_owner_restarting_takes_its_own_rows_back_at_once_and_released_rows_are_anyones() {
        List<QueuedMessage> rows = queue(4);
        claim("bot", 10, NOW);

        assertThat(outbox.claim("bot", Long.MIN_VALUE, 10, NOW, NOW, NOW.plus(LEASE), true)).hasSize(4);
        assertThat(outbox.releaseClaims("bot", List.of(rows.get(0).id()))).isEqualTo(1);
        assertThat(claim("s", 10, NOW)).extracting(QueuedMessage::id).containsExactly(rows.get(0).id());
        assertThat(outbox.releaseClaims("bot")).isEqualTo(3);
        assertThat(claim("s", 10, NOW)).hasSize(3);
    }

    @Test
    void rows_deferred_past_the_horizon_are_not_claimed_and_sent_rows_never() {
        List<QueuedMessage> later = outbox.enqueue(List.of(new SendText(new ChatId(1), "after quiet hours")), NOW,
                NOW.plus(Duration.ofHours(8)));
        List<QueuedMessage> sent = queue(1);
        outbox.markSent(sent.getFirst().id(), NOW);

        assertThat(claim("a", 10, NOW)).isEmpty();
        assertThat(claim("a", 10, NOW.plus(Duration.ofHours(8)))).extracting(QueuedMessage::id)
                .containsExactly(later.getFirst().id());
    }

    @Test
    void the_bots_outbox_claims_what_it_enqueues_so_no_other_process_can_take_it() {
        JdbiOutbox bots = new JdbiOutbox(db.jdbi(), Outbox.Owner.bot());
        bots.enqueueReplies(7, List.of(new SendText(new ChatId(5), "reply")), NOW);

        assertThat(claim("scheduler-1", 10, NOW)).isEmpty();
        assertThat(claimedBy()).containsExactly("bot");
        assertThat(claim("scheduler-1", 10, NOW.plus(Outbox.Owner.DEFAULT_LEASE).plusSeconds(1)))
                .as("the bot died").hasSize(1);
    }

    @Test
    void the_shared_budget_grants_at_most_the_cap_per_window_and_a_new_window_starts_empty() {
        JdbiSendBudget budget = new JdbiSendBudget(db.jdbi());

        assertThat(budget.draw(100, 5, 8).granted()).isEqualTo(5);
        assertThat(budget.draw(100, 5, 8).granted()).isEqualTo(3);
        assertThat(budget.draw(100, 5, 10).granted()).as("a higher cap (replies) gets the reserve").isEqualTo(2);
        assertThat(budget.draw(100, 1, 10).granted()).isZero();
        assertThat(budget.draw(102, 5, 8).granted()).isEqualTo(5);
        assertThat(budget.draw(100, 5, 8).granted()).as("a window already past").isZero();
    }

    @Test
    void a_draw_ahead_counts_the_next_window_apart_from_the_current_one() {
        JdbiSendBudget budget = new JdbiSendBudget(db.jdbi());

        assertThat(budget.draw(100, 5, 10).granted()).isEqualTo(5);
        assertThat(budget.draw(101, 4, 8).granted()).as("the next window, ahead of it").isEqualTo(4);
        assertThat(budget.draw(100, 5, 10).granted()).as("the current window goes on").isEqualTo(5);
        assertThat(budget.draw(101, 5, 8).granted()).as("4 of the next window's 8 drawn already").isEqualTo(4);
        assertThat(budget.draw(102, 3, 10).granted()).as("ahead again, once 101 is current").isEqualTo(3);
        assertThat(budget.draw(101, 5, 10).granted()).as("what 101 had ahead is kept").isEqualTo(2);
        assertThat(budget.draw(100, 1, 10).granted()).as("a window already past").isZero();
        assertThat(budget.draw(104, 5, 10).granted()).as("a window after the next one starts empty").isEqualTo(5);
        assertThat(budget.draw(103, 5, 10).granted()).as("and the one before it, now the current one")
                .isEqualTo(5);
    }

    @Test
    void a_pause_stored_by_one_process_is_seen_by_every_draw_and_only_a_later_one_replaces_it() {
        SendBudget one = new JdbiSendBudget(db.jdbi());
        SendBudget other = new JdbiSendBudget(db.jdbi());

        one.pauseUntil(NOW.plusSeconds(30));
        other.pauseUntil(NOW.plusSeconds(10));

        assertThat(other.draw(1, 1, 1).pausedUntil()).isEqualTo(NOW.plusSeconds(30));
    }

    private Set<String> claimedBy() {
        return new HashSet<>(db.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT claimed_by FROM bot.outbox_messages WHERE state = 0").mapTo(String.class).list()));
    }

    /**
     * The claim as PostgreSQL runs it once the driver has prepared it on the server: planned without the parameters'
     * values. Behind a large unclaimed backlog, the search for expired leases must go through the claimed-rows index,
     * not walk the pending rows in id order (which made every claim slower the larger the backlog).
     */
    @Test
    void the_claims_generic_plan_finds_expired_leases_without_walking_the_backlog() throws Exception {
        String sql = OutboxDao.class.getDeclaredMethod("claim", String.class, long.class, int.class, Instant.class,
                Instant.class, Instant.class, boolean.class).getAnnotation(SqlQuery.class).value();
        String positional = sql.replace(":owner", "$1").replace(":afterId", "$2").replace(":limit", "$3")
                .replace(":now", "$4").replace(":dueBy", "$5").replace(":leaseUntil", "$6")
                .replace(":includeOwn", "$7");
        db.jdbi().useHandle(handle -> {
            handle.execute("""
                    INSERT INTO bot.outbox_messages (chat_id, kind, payload, created_at, not_before)
                    SELECT g, 'send_text', '{"type":"send_text"}', now(), now() FROM generate_series(1, 50000) g
                    """);
            handle.execute("""
                    UPDATE bot.outbox_messages SET claimed_by = 'bot-1', lease_until = now() + interval '30 seconds'
                     WHERE id IN (SELECT id FROM bot.outbox_messages ORDER BY id LIMIT 200)""");
            handle.execute("ANALYZE bot.outbox_messages");
            handle.execute("SET plan_cache_mode = force_generic_plan");
            handle.execute("PREPARE claim (text, bigint, int, timestamptz, timestamptz, timestamptz, boolean) AS "
                    + positional);
            try {
                String plan = String.join("\n", handle.createQuery("""
                        EXPLAIN (COSTS OFF) EXECUTE claim('bot-1', 0, 64, now(), now(),
                                                          now() + interval '30 seconds', false)""")
                        .mapTo(String.class).list());
                assertThat(plan).as(plan).contains("outbox_messages_claimed_idx")
                        .doesNotContain("outbox_messages_pending_idx");
            } finally {
                handle.execute("DEALLOCATE claim");
                handle.execute("RESET plan_cache_mode");
            }
        });
    }

    @Test
    void renewal_skips_a_row_another_transaction_is_marking_instead_of_waiting_for_it() throws Exception {
        List<QueuedMessage> rows = queue(3);
        assertThat(claim("a", 10, NOW)).hasSize(3);
        long marking = rows.get(1).id();
        ExecutorService renewer = Executors.newSingleThreadExecutor();
        try (var marker = db.jdbi().open()) {
            marker.begin();
            marker.createUpdate("UPDATE bot.outbox_messages SET state = 1, handled_at = now() WHERE id = :id")
                    .bind("id", marking).execute();

            // Waiting here would be the first half of a deadlock with the marker; the deadline only bounds the test.
            Future<Integer> renewed = renewer.submit(() -> outbox.renewClaims("a", NOW.plusSeconds(60)));
            assertThat(renewed.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(2);
            marker.rollback();
        } finally {
            renewer.shutdownNow();
        }
        assertThat(claim("b", 10, NOW.plusSeconds(45))).as("the two renewed are still held; the skipped one's lease "
                + "ran out").extracting(QueuedMessage::id).containsExactly(marking);
    }
}
