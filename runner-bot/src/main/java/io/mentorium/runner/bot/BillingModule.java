package io.mentorium.runner.bot;

import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import dagger.Reusable;
import io.mentorium.application.billing.AnswerPreCheckoutService;
import io.mentorium.application.billing.RefundStarsPaymentService;
import io.mentorium.application.billing.SettlePaymentService;
import io.mentorium.application.billing.StartCheckoutService;
import io.mentorium.application.billing.SubscriptionFeatureAccess;
import io.mentorium.application.billing.ViewSubscriptionService;
import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.conversation.ConversationBilling;
import io.mentorium.application.pipeline.OutboxRelay;
import io.mentorium.application.port.in.AnswerPreCheckout;
import io.mentorium.application.port.in.ManageStaff;
import io.mentorium.application.port.in.RefundStarsPayment;
import io.mentorium.application.port.in.SettlePayment;
import io.mentorium.application.port.in.StartCheckout;
import io.mentorium.application.port.in.ViewSubscription;
import io.mentorium.application.port.out.CheckoutLinks;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.runner.bot.metrics.PrometheusOperationsMetrics;
import io.mentorium.application.port.out.FeatureAccess;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.PaymentRepository;
import io.mentorium.application.port.out.StarsRefunds;
import io.mentorium.application.port.out.SubscriptionRepository;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.port.out.Trials;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Billing's use cases and the access gate. The providers' side — {@link CheckoutLinks} and {@link StarsRefunds} — is
 * bound by {@link PaymentsModule} and the Telegram module.
 */
@Module
final class BillingModule {

    private BillingModule() {
    }

    @Provides
    @Singleton
    static SettlePayment settlePayment(PaymentRepository payments, SubscriptionRepository subscriptions,
                                       ParentRepository parents, EventLog events, Outbox outbox,
                                       TransactionRunner transactions, Clock clock, CoreSettings settings,
                                       Lazy<OutboxRelay> relay, PrometheusOperationsMetrics metrics) {
        // Receipts go to the relay once their transaction committed; see PaymentReceipts. Lazily: the relay needs
        // Telegram, and the console, which never settles a payment, builds this graph without a token.
        return new SettlePaymentService(payments, subscriptions, parents, metrics.counting(events), outbox, transactions, clock,
                settings, messages -> relay.get().offer(messages));
    }

    @Provides
    @Reusable
    static StartCheckout startCheckout(ParentRepository parents, PaymentRepository payments, CheckoutLinks links,
                                       EventLog events, TransactionRunner transactions, Clock clock,
                                       CoreSettings settings, PrometheusOperationsMetrics metrics) {
        return new StartCheckoutService(parents, payments, links, metrics.counting(events), transactions, clock, settings);
    }

    @Provides
    @Reusable
    static AnswerPreCheckout answerPreCheckout(SettlePayment settle, CoreSettings settings) {
        return new AnswerPreCheckoutService(settle, settings);
    }

    @Provides
    @Singleton
    static SubscriptionFeatureAccess subscriptionFeatureAccess(SubscriptionRepository subscriptions, Trials trials,
                                                               ParentRepository parents, EventLog events,
                                                               TransactionRunner transactions, CoreSettings settings,
                                                               BotConfiguration configuration) {
        return new SubscriptionFeatureAccess(subscriptions, trials, parents, events, transactions, settings,
                configuration.billing());
    }

    @Provides
    static FeatureAccess featureAccess(SubscriptionFeatureAccess access) {
        return access;
    }

    @Provides
    @Reusable
    static ViewSubscription viewSubscription(SubscriptionFeatureAccess access, CheckoutLinks links) {
        return new ViewSubscriptionService(access, links);
    }

    @Provides
    @Reusable
    static RefundStarsPayment refundStarsPayment(ManageStaff staff, PaymentRepository payments,
                                                 StarsRefunds refunds, SettlePayment settle, EventLog events,
                                                 TransactionRunner transactions, Clock clock) {
        return new RefundStarsPaymentService(staff, payments, refunds, settle, events, transactions, clock);
    }

    @Provides
    @Reusable
    static ConversationBilling conversationBilling(ViewSubscription subscriptions, StartCheckout checkout,
                                                   SettlePayment settle, RefundStarsPayment refunds) {
        return new ConversationBilling(subscriptions, checkout, settle, refunds);
    }
}
