package io.mentorium.runner.bot.metrics;

import io.mentorium.application.port.out.AssistantMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;
import java.util.Locale;

/**
 * The assistant's metrics under the names the seed's dashboards use: {@code ai_requests_total{outcome}},
 * {@code ai_request_duration_seconds}, {@code ai_tokens_total{kind}}, the breaker's state, and questions by outcome.
 */
public final class PrometheusAssistantMetrics implements AssistantMetrics {

    /** From a short tool round to a long streamed answer. */
    private static final double[] DURATION_BUCKETS_SECONDS = {0.1, 0.25, 0.5, 1, 2, 3, 5, 8, 13, 20, 30, 60};

    private final Counter requests;
    private final Histogram requestDuration;
    private final Counter tokens;
    private final Gauge breaker;
    private final Counter questions;
    private final Histogram questionDuration;

    public PrometheusAssistantMetrics(MetricsRegistry registry) {
        PrometheusRegistry prometheus = registry.prometheus();
        requests = Counter.builder().name("ai_requests_total").help("Requests to the language model by outcome")
                .labelNames("outcome").withoutExemplars().register(prometheus);
        requestDuration = Histogram.builder().name("ai_request_duration_seconds")
                .help("Duration of one request to the language model, the streamed answer included")
                .unit(Unit.SECONDS).classicOnly().classicUpperBounds(DURATION_BUCKETS_SECONDS).withoutExemplars()
                .register(prometheus);
        tokens = Counter.builder().name("ai_tokens_total").help("Tokens used by the language model, by kind")
                .labelNames("kind").withoutExemplars().register(prometheus);
        breaker = Gauge.builder().name("ai_circuit_breaker_state")
                .help("The model's circuit breaker: 0 closed, 1 half-open, 2 open").withoutExemplars()
                .register(prometheus);
        questions = Counter.builder().name("mentorium_assistant_questions_total")
                .help("Questions to the assistant by how they were answered").labelNames("outcome")
                .withoutExemplars().register(prometheus);
        questionDuration = Histogram.builder().name("mentorium_assistant_answer_seconds")
                .help("From picking a question up to its answer queued for sending").unit(Unit.SECONDS).classicOnly()
                .classicUpperBounds(DURATION_BUCKETS_SECONDS).withoutExemplars().register(prometheus);
        // Every label value starts at 0, so rate() and alerts work before the first event of each kind.
        for (RequestOutcome outcome : RequestOutcome.values()) {
            requests.labelValues(label(outcome));
        }
        for (TokenKind kind : TokenKind.values()) {
            tokens.labelValues(label(kind));
        }
        for (Outcome outcome : Outcome.values()) {
            questions.labelValues(label(outcome));
        }
    }

    @Override
    public void questionFinished(Outcome outcome, Duration took) {
        questions.labelValues(label(outcome)).inc();
        questionDuration.observe(Math.max(0, took.toNanos()) / 1e9);
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
