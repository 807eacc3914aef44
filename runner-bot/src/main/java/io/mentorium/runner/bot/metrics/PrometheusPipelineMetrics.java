package io.mentorium.runner.bot.metrics;

import io.mentorium.application.port.out.PipelineMetrics;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;
import java.util.Set;

/** The update pipeline's counters and latency histogram on the process's {@link MetricsRegistry}. */
public final class PrometheusPipelineMetrics implements PipelineMetrics {

    /** The outcomes {@link PipelineMetrics#messageSent} documents; anything else is counted as {@code other}. */
    static final Set<String> OUTCOMES = Set.of("sent", "retry", "blocked", "failed");
    static final String OTHER_OUTCOME = "other";
    /** The stages {@link PipelineMetrics#updateQuarantined} documents. */
    static final Set<String> STAGES = Set.of("receive", "store", "decode", "handle");

    /** From a cached menu answer (about a millisecond) to a slow assistant turn (seconds). */
    private static final double[] HANDLING_BUCKETS_SECONDS =
            {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Counter received;
    private final Counter processed;
    private final Counter failed;
    private final Counter messages;
    private final Counter quarantined;
    private final Counter telegram;
    private final DistributionDataPoint urgentHandling;
    private final DistributionDataPoint ordinaryHandling;
    private final DistributionDataPoint replyDelays;
    private final DistributionDataPoint backgroundDelays;
    private final DistributionDataPoint replyCalls;
    private final DistributionDataPoint backgroundCalls;

    public PrometheusPipelineMetrics(MetricsRegistry registry) {
        PrometheusRegistry prometheus = registry.prometheus();
        received = counter("mentorium_updates_received_total", "Telegram updates made durable in the inbox")
                .register(prometheus);
        processed = counter("mentorium_updates_processed_total", "Updates handled to completion").register(prometheus);
        failed = counter("mentorium_updates_failed_total", "Updates whose handling failed").register(prometheus);
        messages = counter("mentorium_messages_sent_total", "Outgoing messages by outcome")
                .labelNames("outcome")
                .register(prometheus);
        quarantined = counter("mentorium_updates_quarantined_total",
                "Updates set aside as dead letters instead of stopping the bot, by stage")
                .labelNames("stage")
                .register(prometheus);
        STAGES.forEach(stage -> quarantined.labelValues(stage));
        telegram = counter("telegram_messages_total",
                "Telegram messages: updates received (direction in) and messages Telegram accepted (out), by kind")
                .labelNames("direction", "kind")
                .register(prometheus);
        telegram.labelValues("in", "text");
        telegram.labelValues("out", "send_text");
        Histogram handling = secondsByLabel("mentorium_update_handling_seconds", "Time to handle one update, from"
                + " taking it from the inbox to committing its replies, by urgency: urgent for presses and commands"
                + " (menus), ordinary for free text (questions)", "urgency").register(prometheus);
        // Looked up once: an update is recorded hundreds of times a second under load. Each exists from the start.
        urgentHandling = handling.labelValues("urgent");
        ordinaryHandling = handling.labelValues("ordinary");
        Histogram delays = secondsByLabel("mentorium_outbox_send_delay_seconds", "Time from when a message of the"
                + " outbox could first go (handed to the relay after its commit, or the time it was held until) to"
                + " Telegram accepting it, by lane: reply (what people wait for) or background", "lane")
                .register(prometheus);
        replyDelays = delays.labelValues("reply");
        backgroundDelays = delays.labelValues("background");
        // The delay's other part is the relay's own (waiting for the chat's pace, the send budget, a sender, and
        // preparing the message): telling the two apart says whether a slow reply waited in the bot or for Telegram.
        Histogram calls = secondsByLabel("mentorium_outbox_send_call_seconds", "Time of the Telegram call that sent"
                + " a message of the outbox, by lane; the rest of mentorium_outbox_send_delay_seconds is the relay's"
                + " own part, waiting and preparing the message", "lane").register(prometheus);
        replyCalls = calls.labelValues("reply");
        backgroundCalls = calls.labelValues("background");
        // Known outcomes start at 0, so a rate() over them works before the first message of each kind.
        OUTCOMES.forEach(outcome -> messages.labelValues(outcome));
    }

    private static Histogram.Builder secondsByLabel(String name, String help, String label) {
        return Histogram.builder().name(name).help(help).unit(Unit.SECONDS).labelNames(label).classicOnly()
                .classicUpperBounds(HANDLING_BUCKETS_SECONDS).withoutExemplars();
    }

    private static Counter.Builder counter(String name, String help) {
        return Counter.builder().name(name).help(help).withoutExemplars();
    }

    @Override
    public void updatesReceived(int count) {
        if (count > 0) {
            received.inc(count);
        }
    }

    @Override
    public void updateProcessed(Duration handlingTime, boolean urgent) {
        processed.inc();
        (urgent ? urgentHandling : ordinaryHandling).observe(Math.max(0, handlingTime.toNanos()) / 1e9);
    }

    @Override
    public void updateFailed() {
        failed.inc();
    }

    @Override
    public void updateQuarantined(String stage) {
        quarantined.labelValues(STAGES.contains(stage) ? stage : OTHER_OUTCOME).inc();
    }

    @Override
    public void messageReceived(String kind) {
        telegram.labelValues("in", kind).inc();
    }

    @Override
    public void messageDelivered(String kind) {
        telegram.labelValues("out", kind).inc();
    }

    @Override
    public void messageSentAfter(Duration sinceDue, Duration call, boolean reply) {
        (reply ? replyDelays : backgroundDelays).observe(Math.max(0, sinceDue.toNanos()) / 1e9);
        (reply ? replyCalls : backgroundCalls).observe(Math.max(0, call.toNanos()) / 1e9);
    }

    @Override
    public void messageSent(String outcome) {
        // Unknown values are folded so that a caller's typo cannot create label values without bound.
        messages.labelValues(OUTCOMES.contains(outcome) ? outcome : OTHER_OUTCOME).inc();
    }
}
