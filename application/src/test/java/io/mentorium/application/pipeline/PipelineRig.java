package io.mentorium.application.pipeline;

import io.mentorium.application.port.in.ConverseWithParent;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.port.out.UpdateInbox;
import io.mentorium.application.service.RecordUnreachableChatService;
import io.mentorium.application.testing.InMemoryOutbox;
import io.mentorium.application.testing.InMemoryParentRepository;
import io.mentorium.application.testing.InMemoryUpdateInbox;
import io.mentorium.application.testing.RecordingMessenger;
import java.time.Clock;
import java.time.Duration;

/**
 * The stores and the "outside world" that outlive one run of the pipeline (the database, Telegram), and a way to build
 * fresh pipeline objects over them, as a restarted process would.
 */
final class PipelineRig {

    static final WorkerSettings QUICK = new WorkerSettings(Duration.ofSeconds(30), Duration.ofSeconds(30),
            Duration.ofMillis(10), Duration.ofMillis(50));

    final Clock clock = Clock.systemUTC();
    final InMemoryUpdateInbox inbox = new InMemoryUpdateInbox();
    final InMemoryOutbox outbox = new InMemoryOutbox();
    final InMemoryParentRepository parents = new InMemoryParentRepository();
    final ConcurrentTransactionRunner transactions = new ConcurrentTransactionRunner();
    final RecordingMessenger telegram = new RecordingMessenger();
    final ScriptedConversation conversation = new ScriptedConversation();
    final CountingMetrics metrics = new CountingMetrics();

    /** One run: the pipeline and the parts it stops. */
    record Run(UpdatePipeline pipeline, ChatWorkers workers, OutboxRelay relay) {
    }

    Run run(WorkerSettings settings) {
        return run(settings, inbox);
    }

    Run run(WorkerSettings settings, UpdateInbox inboxSeen) {
        return run(settings, inboxSeen, outbox, transactions, conversation);
    }

    /** A run that sees the stores through the given wrappers (failures injected on the way to the "database"). */
    Run run(WorkerSettings settings, UpdateInbox inboxSeen, Outbox outboxSeen, TransactionRunner transactionsSeen,
            ConverseWithParent converse) {
        var unreachable = new RecordUnreachableChatService(parents, outboxSeen, transactionsSeen, clock);
        var relay = new OutboxRelay(outboxSeen, telegram, unreachable, metrics, clock, OutboxRelayTest.unhurried());
        var workers = new ChatWorkers(converse, inboxSeen, outboxSeen, transactionsSeen, relay, metrics, clock,
                settings);
        var pipeline = new UpdatePipeline(inboxSeen, transactionsSeen, workers, relay, metrics, clock);
        return new Run(pipeline, workers, relay);
    }
}
