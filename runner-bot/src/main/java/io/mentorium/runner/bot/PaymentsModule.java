package io.mentorium.runner.bot;

import dagger.Module;
import dagger.Provides;
import io.mentorium.adapters.payments.PaymentSettings;
import io.mentorium.adapters.payments.ProviderCheckoutLinks;
import io.mentorium.adapters.payments.click.ClickShopApi;
import io.mentorium.adapters.payments.payme.PaymeMerchantApi;
import io.mentorium.application.port.in.SettlePayment;
import io.mentorium.application.port.out.CheckoutLinks;
import io.mentorium.application.port.out.ClickTransactions;
import io.mentorium.application.port.out.MerchantKeys;
import io.mentorium.application.port.out.PaymeTransactions;
import io.mentorium.application.port.out.TransactionRunner;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

/**
 * The payment providers that are configured: their pay pages, and the PayMe and Click webhook handlers (empty when a
 * provider is off, so that its paths answer 404). Stars refunds come from the Telegram module.
 */
@Module
final class PaymentsModule {

    private PaymentsModule() {
    }

    @Provides
    static PaymentSettings paymentSettings(BotConfiguration configuration) {
        return configuration.payments();
    }

    @Provides
    @Singleton
    static CheckoutLinks checkoutLinks(PaymentSettings settings) {
        return new ProviderCheckoutLinks(settings, Optional.empty());
    }

    @Provides
    @Singleton
    static Optional<PaymeMerchantApi> payme(PaymentSettings settings, MerchantKeys keys,
                                            PaymeTransactions transactions, SettlePayment settle,
                                            TransactionRunner runner, Clock clock) {
        return settings.payme().map(payme -> new PaymeMerchantApi(payme.key(), keys, transactions, settle, runner,
                clock));
    }

    @Provides
    @Singleton
    static Optional<ClickShopApi> click(PaymentSettings settings, SettlePayment settle, ClickTransactions clicks,
                                        TransactionRunner runner, Clock clock) {
        return ClickShopApi.when(settings, settle, clicks, runner, clock);
    }
}
