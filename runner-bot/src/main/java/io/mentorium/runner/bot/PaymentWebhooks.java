package io.mentorium.runner.bot;

import io.mentorium.adapters.payments.click.ClickReply;
import io.mentorium.adapters.payments.click.ClickShopApi;
import io.mentorium.adapters.payments.payme.PaymeMerchantApi;
import io.mentorium.adapters.payments.payme.PaymeReply;
import io.mentorium.application.billing.PaymentReceipts;
import io.mentorium.application.pipeline.OutboxRelay;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.Outbox.QueuedMessage;
import io.mentorium.runner.bot.http.HttpCall;
import io.mentorium.runner.bot.http.HttpReply;
import io.mentorium.runner.bot.http.OperationsServer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Mounts the payment providers' callbacks on the HTTP server (contract §3): PayMe's Merchant API and Click's Prepare
 * and Complete, only when the provider is configured (otherwise their paths answer 404). Receipts a callback queued
 * are handed to the relay once its transaction has committed.
 */
final class PaymentWebhooks {

    static final String PAYME_PATH = "/payments/payme";

    private final Outbox outbox;
    private final OutboxRelay relay;

    PaymentWebhooks(Outbox outbox, OutboxRelay relay) {
        this.outbox = outbox;
        this.relay = relay;
    }

    void mount(OperationsServer.Builder server, Optional<PaymeMerchantApi> payme, Optional<ClickShopApi> click) {
        payme.ifPresent(api -> {
            // Any method reaches the handler: PayMe wants its own -32300 for a request that is not a POST.
            for (String method : List.of("POST", "GET", "PUT", "DELETE")) {
                server.route(method, PAYME_PATH, call -> payme(api, call));
            }
        });
        click.ifPresent(api -> {
            server.route("POST", ClickShopApi.PREPARE_PATH, call -> click(() -> api.prepare(call.body(),
                    call.header("Content-Type").orElse(null))));
            server.route("POST", ClickShopApi.COMPLETE_PATH, call -> click(() -> api.complete(call.body(),
                    call.header("Content-Type").orElse(null))));
        });
    }

    private HttpReply payme(PaymeMerchantApi api, HttpCall call) {
        PaymentReceipts.Collected<PaymeReply> handled = PaymentReceipts.collect(() ->
                api.handle(call.method(), call.header("Authorization"), call.body()));
        deliverCommitted(handled.messages());
        return new HttpReply(handled.value().status(), PaymeReply.CONTENT_TYPE, handled.value().body());
    }

    private HttpReply click(Supplier<ClickReply> handle) {
        PaymentReceipts.Collected<ClickReply> handled = PaymentReceipts.collect(handle);
        deliverCommitted(handled.messages());
        return new HttpReply(200, ClickReply.CONTENT_TYPE, handled.value().json());
    }

    /**
     * A handler may retry its transaction, so what it collected can include messages of a rolled back attempt: only
     * those the outbox really holds are handed over (the others never existed). A receipt not handed over is still
     * sent: the relay's pick-up claims pending rows.
     */
    private void deliverCommitted(List<QueuedMessage> collected) {
        if (collected.isEmpty()) {
            return;
        }
        Set<Long> ids = collected.stream().map(QueuedMessage::id).collect(Collectors.toSet());
        long first = ids.stream().mapToLong(Long::longValue).min().orElseThrow();
        // Read through the relay: a receipt its pick-up sent and marked while this read was under way is not offered
        // again (it would go twice).
        relay.offerPending(() -> outbox.pending(first - 1, Math.max(100, ids.size() * 4)).stream()
                .filter(message -> ids.contains(message.id()))
                .toList());
    }
}
