package io.mentorium.runner.scheduler;

import io.mentorium.application.port.out.AssistantMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;
import java.util.Locale;

/**
 * The model's requests made for weekly tips, under the names the bot exports for its assistant
 * ({@code ai_requests_total{outcome}}, {@code ai_request_duration_seconds}, {@code ai_tokens_total{kind}},
 * {@code ai_circuit_breaker_state}), so one dashboard panel sums both runners. A copy of the bot's, since runners do
 * not depend on each other; questions are the bot's alone.
 */
final class SchedulerModelMetrics implements AssistantMetrics {

    private static final double[] DURATION_BUCKETS_SECONDS = {0.1, 0.25, 0.5, 1, 2, 3, 5, 8, 13, 20, 30, 60};

    private final Counter requests;
    private final Histogram requestDuration;
    private final Counter tokens;
    private final Gauge breaker;

    SchedulerModelMetrics(SchedulerMetrics metrics) {
        PrometheusRegistry registry = metrics.registry();
        requests = Counter.builder().name("ai_requests_total").help("Requests to the language model by outcome")
                .labelNames("outcome").withoutExemplars().register(registry);
        requestDuration = Histogram.builder().name("ai_request_duration_seconds")
                .help("Duration of one request to the language model, the streamed answer included")
                .unit(Unit.SECONDS).classicOnly().classicUpperBounds(DURATION_BUCKETS_SECONDS).withoutExemplars()
                .register(registry);
        tokens = Counter.builder().name("ai_tokens_total").help("Tokens used by the language model, by kind")
                .labelNames("kind").withoutExemplars().register(registry);
        breaker = Gauge.builder().name("ai_circuit_breaker_state")
                .help("The model's circuit breaker: 0 closed, 1 half-open, 2 open").withoutExemplars()
                .register(registry);
        for (RequestOutcome outcome : RequestOutcome.values()) {
            requests.labelValues(label(outcome));
        }
        for (TokenKind kind : TokenKind.values()) {
            tokens.labelValues(label(kind));
        }
    }

    @Override
    public void modelRequest(RequestOutcome outcome, Duration took) {
        requests.labelValues(label(outcome)).inc();
        requestDuration.observe(Math.max(0, took.toNanos()) / 1e9);
    }

    @Override
    public void tokens(TokenKind kind, long count) {
        if (count > 0) {
            tokens.labelValues(label(kind)).inc(count);
        }
    }

    @Override
    public void breakerState(BreakerState state) {
        breaker.set(switch (state) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        });
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
