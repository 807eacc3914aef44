package io.mentorium.application.billing;

import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.port.in.StartCheckout;
import io.mentorium.application.port.out.CheckoutLinks;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.PaymentRepository;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.payment.Money;
import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.Plan;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates an order for a plan and a provider. The amount is fixed from the configured prices when the order is
 * created: a price changed later applies to later orders only.
 *
 * <p>An order is one payment attempt. Choosing a plan again creates a new order rather than reusing an open one: the
 * old one simply stays unpaid (PayMe and Click cancel or time out their side), and each order is payable through its
 * own provider at most once, which {@code SettlePayment} enforces.
 */
public final class StartCheckoutService implements StartCheckout {

    private static final Logger LOG = LoggerFactory.getLogger(StartCheckoutService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ParentRepository parents;
    private final PaymentRepository payments;
    private final CheckoutLinks links;
    private final EventLog events;
    private final TransactionRunner transactions;
    private final Clock clock;
    private final CoreSettings settings;
    private final Supplier<PaymentId> orderIds;

    public StartCheckoutService(ParentRepository parents, PaymentRepository payments, CheckoutLinks links,
                                EventLog events, TransactionRunner transactions, Clock clock, CoreSettings settings) {
        this(parents, payments, links, events, transactions, clock, settings, StartCheckoutService::newOrderId);
    }

    /** @param orderIds new order ids (tests pass predictable ones) */
    public StartCheckoutService(ParentRepository parents, PaymentRepository payments, CheckoutLinks links,
                                EventLog events, TransactionRunner transactions, Clock clock, CoreSettings settings,
                                Supplier<PaymentId> orderIds) {
        this.parents = Objects.requireNonNull(parents, "parents");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.links = Objects.requireNonNull(links, "links");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.orderIds = Objects.requireNonNull(orderIds, "orderIds");
    }

    /**
     * 16 random bytes, URL-safe base64 without padding: 22 characters that fit every provider's order field and
     * Telegram's payload, unguessable so that nobody pays (or probes) another parent's order by counting.
     */
    static PaymentId newOrderId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new PaymentId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    @Override
    public Outcome start(TelegramUserId parentId, Plan plan, PaymentProvider provider) {
        Objects.requireNonNull(parentId, "parentId");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(provider, "provider");
        if (!links.enabled().contains(provider)) {
            return new Outcome.ProviderDisabled(provider);
        }
        Optional<Parent> parent = parents.findById(parentId);
        if (parent.isEmpty()) {
            return new Outcome.NotRegistered();
        }
        Map<Plan, Money> prices = provider == PaymentProvider.STARS ? settings.pricesStars() : settings.pricesUzs();
        Money amount = Objects.requireNonNull(prices.get(plan), "no price for " + plan);
        Instant now = clock.instant();
        Payment order = Payment.create(orderIds.get(), parentId, plan, amount, provider, now);
        Checkout checkout;
        if (provider == PaymentProvider.STARS) {
            checkout = new Checkout.StarsInvoice(order.id().value(), amount.minor());
        } else {
            Optional<URI> page = links.payPage(order, parent.get().language());
            if (page.isEmpty()) {
                LOG.warn("{} is enabled but gave no pay page for order {}", provider, order.id());
                return new Outcome.ProviderDisabled(provider);
            }
            checkout = new Checkout.PayPage(page.get());
        }
        transactions.inTransaction(() -> {
            payments.save(order);
            events.record(new EventLog.Event("payment.created", Optional.of(parentId), Map.of(
                    "order", order.id().value(), "provider", provider.name(), "plan", plan.name(),
                    "amount_minor", Long.toString(amount.minor()), "currency", amount.currency().name()), now));
        });
        LOG.info("Order {} created: {} through {} for {}", order.id(), plan, provider, amount);
        return new Outcome.Started(order, checkout);
    }
}
