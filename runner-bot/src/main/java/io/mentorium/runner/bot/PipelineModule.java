package io.mentorium.runner.bot;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import io.mentorium.application.conversation.ConversationService;
import io.mentorium.application.assistant.AssistantDesk;
import io.mentorium.application.pipeline.AnswerDirectlyService;
import io.mentorium.application.pipeline.ChatWorkers;
import io.mentorium.application.pipeline.QuarantineEvents;
import io.mentorium.application.pipeline.OutboxRelay;
import io.mentorium.application.pipeline.UpdatePipeline;
import io.mentorium.application.port.in.AnswerDirectly;
import io.mentorium.application.port.in.BotCommands;
import io.mentorium.application.port.in.ConverseWithParent;
import io.mentorium.application.port.in.ReceiveUpdates;
import io.mentorium.application.port.in.RecordUnreachableChat;
import io.mentorium.application.port.out.Messenger;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.OperationalCounts;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.SendBudget;
import io.mentorium.application.port.out.PipelineMetrics;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.port.out.UpdateInbox;
import io.mentorium.runner.bot.metrics.MetricsRegistry;
import io.mentorium.runner.bot.metrics.PrometheusOperationsMetrics;
import io.mentorium.runner.bot.metrics.PrometheusPipelineMetrics;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The update pipeline of ADR 0008: inbox hand-off, per-chat workers and the outbox relay, counted in Prometheus. The
 * stateful parts are singletons because the runner starts and stops them (Dagger has no lifecycle).
 */
@Module
abstract class PipelineModule {

    @Provides
    @Singleton
    static MetricsRegistry metricsRegistry() {
        return new MetricsRegistry();
    }

    @Provides
    @Singleton
    static PipelineMetrics pipelineMetrics(MetricsRegistry registry) {
        return new PrometheusPipelineMetrics(registry);
    }

    @Provides
    @Singleton
    static PrometheusOperationsMetrics operationsMetrics(MetricsRegistry registry, OperationalCounts counts,
                                                         Clock clock) {
        return new PrometheusOperationsMetrics(registry, counts, clock);
    }

    @Provides
    @Singleton
    static OutboxRelay outboxRelay(Outbox outbox, Messenger messenger, RecordUnreachableChat unreachable,
                                   PipelineMetrics metrics, Clock clock, PipelineTuning tuning, Outbox.Owner owner,
                                   SendBudget budget) {
        return new OutboxRelay(outbox, messenger, unreachable, metrics, clock, tuning.relay(), owner, budget);
    }

    /**
     * The bot owns its outbox rows under one stable id: only one bot runs per database (its instance lock), so a
     * restarted bot takes back what it held at once, and the replies it enqueues are claimed in the same insert.
     */
    @Provides
    @Singleton
    static Outbox.Owner outboxOwner() {
        return Outbox.Owner.bot();
    }

    @Provides
    @Singleton
    static ChatWorkers chatWorkers(ConverseWithParent converse, UpdateInbox inbox, EventLog events, Outbox outbox,
                                   TransactionRunner transactions, OutboxRelay relay, AssistantDesk desk,
                                   PipelineMetrics metrics, Clock clock, PipelineTuning tuning) {
        return new ChatWorkers(converse, new QuarantineEvents(inbox, events), outbox, transactions, relay, desk::submitAll, metrics, clock,
                tuning.workers());
    }

    @Provides
    @Singleton
    static UpdatePipeline updatePipeline(UpdateInbox inbox, EventLog events, TransactionRunner transactions,
                                         ChatWorkers workers, OutboxRelay relay, PipelineMetrics metrics,
                                         Clock clock) {
        return new UpdatePipeline(new QuarantineEvents(inbox, events), transactions, workers, relay, metrics, clock);
    }

    @Binds
    abstract ReceiveUpdates receiveUpdates(UpdatePipeline pipeline);

    @Provides
    static AnswerDirectly answerDirectly(ConverseWithParent converse, TransactionRunner transactions,
                                        AssistantDesk desk) {
        return new AnswerDirectlyService(converse, transactions, desk::answerNow);
    }

    @Binds
    abstract ConverseWithParent converse(ConversationService conversation);

    @Binds
    abstract BotCommands botCommands(ConversationService conversation);
}
