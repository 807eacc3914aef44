package io.mentorium.application.billing;

import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.config.Environment;
import io.mentorium.application.port.out.CheckoutLinks;
import io.mentorium.application.port.out.Outbox.QueuedMessage;
import io.mentorium.application.testing.DirectTransactionRunner;
import io.mentorium.application.testing.InMemoryEventLog;
import io.mentorium.application.testing.InMemoryOutbox;
import io.mentorium.application.testing.InMemoryParentRepository;
import io.mentorium.application.testing.InMemoryPaymentRepository;
import io.mentorium.application.testing.InMemorySubscriptionRepository;
import io.mentorium.application.testing.InMemoryTrials;
import io.mentorium.application.testing.MutableClock;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.payment.Money;
import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.Plan;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The billing services over the in-memory fakes, in Tashkent, with a parent or two to bill. */
final class BillingRig {

    /** Wednesday 12 March 2025, 15:00 in Tashkent. */
    static final Instant NOW = Instant.parse("2025-03-12T10:00:00Z");
    static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");
    static final TelegramUserId MOTHER = new TelegramUserId(501);
    static final TelegramUserId FATHER = new TelegramUserId(502);
    static final TelegramUserId ADMIN = new TelegramUserId(900);
    static final LearnerId AZIZ = new LearnerId("L-1");

    final MutableClock clock = new MutableClock(NOW, TASHKENT);
    final InMemoryParentRepository parents = new InMemoryParentRepository();
    final InMemoryPaymentRepository payments = new InMemoryPaymentRepository();
    final InMemorySubscriptionRepository subscriptions = new InMemorySubscriptionRepository();
    final InMemoryTrials trials = new InMemoryTrials();
    final InMemoryEventLog events = new InMemoryEventLog();
    final InMemoryOutbox outbox = new InMemoryOutbox();
    final DirectTransactionRunner transactions = new DirectTransactionRunner();
    final List<QueuedMessage> delivered = new CopyOnWriteArrayList<>();
    final Set<PaymentProvider> providers = EnumSet.allOf(PaymentProvider.class);
    final AtomicInteger orders = new AtomicInteger();
    final CoreSettings settings;
    final SettlePaymentService settle;

    final CheckoutLinks links = new CheckoutLinks() {
        @Override
        public Set<PaymentProvider> enabled() {
            return providers.isEmpty() ? EnumSet.noneOf(PaymentProvider.class) : EnumSet.copyOf(providers);
        }

        @Override
        public Optional<URI> payPage(Payment order, Language language) {
            return order.provider() == PaymentProvider.STARS || !providers.contains(order.provider())
                    ? Optional.empty()
                    : Optional.of(URI.create("https://pay.example/" + order.id() + "?l=" + language.code()));
        }
    };

    BillingRig() {
        this(Map.of());
    }

    BillingRig(Map<String, String> environment) {
        Environment env = new Environment(withZone(environment));
        settings = CoreSettings.from(env);
        settle = new SettlePaymentService(payments, subscriptions, parents, events, outbox, transactions, clock,
                settings, delivered::addAll);
    }

    private static Map<String, String> withZone(Map<String, String> environment) {
        java.util.HashMap<String, String> all = new java.util.HashMap<>(environment);
        all.putIfAbsent("BOT_TIMEZONE", TASHKENT.getId());
        return all;
    }

    StartCheckoutService checkout() {
        return checkout(settings);
    }

    StartCheckoutService checkout(CoreSettings prices) {
        return new StartCheckoutService(parents, payments, links, events, transactions, clock, prices,
                () -> new PaymentId("order-" + orders.incrementAndGet()));
    }

    SubscriptionFeatureAccess access(int trialDays) {
        return new SubscriptionFeatureAccess(subscriptions, trials, parents, events, transactions, settings,
                new BillingSettings(trialDays));
    }

    Parent parent(TelegramUserId id, Language language, ParentRole role, LearnerId... children) {
        Parent parent = Parent.register(id, new ChatId(id.value()), language, role, NOW.minusSeconds(86_400));
        for (LearnerId child : children) {
            parent.link(child, new Email("family@example.com"), NOW.minusSeconds(3_600));
        }
        parents.save(parent);
        return parent;
    }

    /** An unpaid order of the mother's, as checkout would have created it. */
    Payment order(String id, Plan plan, PaymentProvider provider) {
        Money amount = (provider == PaymentProvider.STARS ? settings.pricesStars() : settings.pricesUzs()).get(plan);
        Payment order = Payment.create(new PaymentId(id), MOTHER, plan, amount, provider, clock.instant());
        payments.save(order);
        return order;
    }
}
