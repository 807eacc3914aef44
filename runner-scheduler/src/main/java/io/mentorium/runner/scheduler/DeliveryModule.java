package io.mentorium.runner.scheduler;

import dagger.Module;
import dagger.Provides;
import io.mentorium.adapters.telegram.TelegramApi;
import io.mentorium.adapters.telegram.TelegramMessenger;
import io.mentorium.application.pipeline.OutboxRelay;
import io.mentorium.application.pipeline.RelaySettings;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.PipelineMetrics;
import io.mentorium.application.port.out.SendBudget;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.service.RecordUnreachableChatService;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

/**
 * The scheduler's own outbox relay, so that what its jobs queue is delivered even when no bot runs: it claims rows
 * under an owner id of this process and draws from the send budget every process shares (ADR 0014). Only with a
 * {@code TELEGRAM_BOT_TOKEN}; without one the scheduler queues and the bot delivers, as before.
 */
@Module
final class DeliveryModule {

    private DeliveryModule() {
    }

    @Provides
    @Singleton
    static Outbox.Owner outboxOwner() {
        return Outbox.Owner.instance("scheduler");
    }

    @Provides
    @Singleton
    static Optional<SchedulerDelivery> delivery(SchedulerConfiguration configuration, Outbox outbox,
                                                Outbox.Owner owner, SendBudget budget, ParentRepository parents,
                                                TransactionRunner transactions, Clock clock) {
        if (configuration.telegram().token().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SchedulerDelivery(() -> TelegramApi.connect(configuration.telegram()),
                api -> new OutboxRelay(outbox, new TelegramMessenger(api, configuration.telegram().paidBroadcast()),
                        new RecordUnreachableChatService(parents, outbox, transactions, clock), PipelineMetrics.NONE,
                        clock, configuration.relay(), owner, budget)));
    }
}
