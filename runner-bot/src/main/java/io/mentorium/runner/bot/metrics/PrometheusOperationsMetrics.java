package io.mentorium.runner.bot.metrics;

import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.OperationalCounts;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's operational metrics beside the pipeline's: {@code bot_uptime_seconds}, {@code errors_total{component}},
 * {@code payments_total{provider,outcome}}, {@code subscriptions_active} and the queue depths
 * ({@code mentorium_inbox_pending}, {@code mentorium_outbox_pending}, {@code mentorium_quarantine_recent}).
 *
 * <p>The levels are read from the database at scrape time, at most once per {@link #COUNTS_MAX_AGE} whatever the
 * number of scrapers; a failed read leaves them out of that scrape (and logs at WARN) rather than failing it.
 */
public final class PrometheusOperationsMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusOperationsMetrics.class);

    static final Duration COUNTS_MAX_AGE = Duration.ofSeconds(5);
    static final Set<String> PROVIDERS = Set.of("stars", "payme", "click");
    static final Set<String> OUTCOMES = Set.of("created", "settled", "cancelled", "refunded");

    private record Reading(Instant at, OperationalCounts.Counts counts) {
    }

    private final OperationalCounts source;
    private final Clock clock;
    private final AtomicReference<Reading> last = new AtomicReference<>();
    private final Counter payments;
    private final PrometheusRegistry prometheus;

    public PrometheusOperationsMetrics(MetricsRegistry registry, OperationalCounts source, Clock clock) {
        this.source = source;
        this.clock = clock;
        this.prometheus = registry.prometheus();
        Instant started = clock.instant();
        GaugeWithCallback.builder().name("bot_uptime_seconds").help("Seconds since this process started")
                .unit(Unit.SECONDS)
                .callback(cb -> cb.call(Math.max(0, Duration.between(started, clock.instant()).toMillis()) / 1000.0))
                .register(prometheus);
        payments = Counter.builder().name("payments_total")
                .help("Payment state changes by provider and outcome (created, settled, cancelled, refunded)")
                .labelNames("provider", "outcome").withoutExemplars().register(prometheus);
        for (String provider : PROVIDERS) {
            for (String outcome : OUTCOMES) {
                payments.labelValues(provider, outcome);
            }
        }
        level(prometheus, "subscriptions_active", "Parents whose paid period covers now",
                OperationalCounts.Counts::activeSubscriptions);
        level(prometheus, "mentorium_inbox_pending", "Updates stored and not yet handled",
                OperationalCounts.Counts::inboxPending);
        level(prometheus, "mentorium_outbox_pending", "Messages queued and not yet sent or given up",
                OperationalCounts.Counts::outboxPending);
        level(prometheus, "mentorium_quarantine_recent", "Updates set aside as dead letters in the last 24 hours",
                OperationalCounts.Counts::quarantinedRecently);
        ErrorCounter.attach(registry);
    }

    /**
     * {@code telegram_polling_up}: 1 while the bot fetches updates from Telegram, 0 while polling is down (and being
     * restarted with backoff) — what the "bot not polling" alert watches. Called once, when the poller exists.
     */
    public void polling(BooleanSupplier running) {
        GaugeWithCallback.builder().name("telegram_polling_up")
                .help("1 while the bot fetches updates from Telegram, 0 while polling is down")
                .callback(cb -> cb.call(running.getAsBoolean() ? 1 : 0))
                .register(prometheus);
    }

    private void level(PrometheusRegistry prometheus, String name, String help,
                       ToLongFunction<OperationalCounts.Counts> value) {
        GaugeWithCallback.builder().name(name).help(help)
                .callback(cb -> counts().ifPresent(counts -> cb.call(value.applyAsLong(counts))))
                .register(prometheus);
    }

    private Optional<OperationalCounts.Counts> counts() {
        Instant now = clock.instant();
        Reading reading = last.get();
        if (reading != null && Duration.between(reading.at(), now).compareTo(COUNTS_MAX_AGE) < 0) {
            return Optional.of(reading.counts());
        }
        try {
            Reading fresh = new Reading(now, source.read(now));
            last.set(fresh);
            return Optional.of(fresh.counts());
        } catch (RuntimeException failure) {
            LOG.warn("Queue depths and subscriptions could not be counted: {}", failure.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The event log as the payments counter sees it: each payment event recorded counts once. Recording happens in
     * the change's transaction, so a change that rolls back after recording counts too — rare, and a counter read
     * as a rate shrugs it off.
     */
    public EventLog counting(EventLog events) {
        return new EventLog() {
            @Override
            public void record(Event event) {
                events.record(event);
                if (event.type().startsWith("payment.")) {
                    String outcome = event.type().substring("payment.".length());
                    String provider = event.details().getOrDefault("provider", "stars").toLowerCase(Locale.ROOT);
                    if (OUTCOMES.contains(outcome) && PROVIDERS.contains(provider)) {
                        payments.labelValues(provider, outcome).inc();
                    }
                }
            }

            @Override
            public java.util.List<Event> recent(int limit) {
                return events.recent(limit);
            }

            @Override
            public java.util.List<Event> find(EventQuery query) {
                return events.find(query);
            }

            @Override
            public int purgeBefore(Instant cutoff) {
                return events.purgeBefore(cutoff);
            }
        };
    }
}
