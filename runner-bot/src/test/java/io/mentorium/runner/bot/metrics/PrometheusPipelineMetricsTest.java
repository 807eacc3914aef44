package io.mentorium.runner.bot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PrometheusPipelineMetricsTest {

    private final MetricsRegistry registry = new MetricsRegistry();
    private final PrometheusPipelineMetrics metrics = new PrometheusPipelineMetrics(registry);

    @Test
    void freshMetricsShowZeroForEveryCounterAndEveryKnownOutcome() {
        assertThat(registry.scrape())
                .contains("mentorium_updates_received_total 0.0\n")
                .contains("mentorium_updates_processed_total 0.0\n")
                .contains("mentorium_updates_failed_total 0.0\n")
                .contains("mentorium_messages_sent_total{outcome=\"sent\"} 0.0\n")
                .contains("mentorium_messages_sent_total{outcome=\"retry\"} 0.0\n")
                .contains("mentorium_messages_sent_total{outcome=\"blocked\"} 0.0\n")
                .contains("mentorium_messages_sent_total{outcome=\"failed\"} 0.0\n")
                .contains("mentorium_update_handling_seconds_count{urgency=\"urgent\"} 0\n")
                .contains("mentorium_update_handling_seconds_count{urgency=\"ordinary\"} 0\n");
    }

    @Test
    void receivedUpdatesAddUpAndNonPositiveCountsAreIgnored() {
        metrics.updatesReceived(5);
        metrics.updatesReceived(2);
        metrics.updatesReceived(0);
        metrics.updatesReceived(-3);

        assertThat(registry.scrape()).contains("mentorium_updates_received_total 7.0\n");
    }

    @Test
    void handlingTimesLandInTheirBucketsInSecondsByUrgency() {
        metrics.updateProcessed(Duration.ofMillis(4), true);
        metrics.updateProcessed(Duration.ofMillis(40), true);
        metrics.updateProcessed(Duration.ofSeconds(30), true);
        metrics.updateProcessed(Duration.ofMillis(200), false);

        String urgent = "mentorium_update_handling_seconds_bucket{urgency=\"urgent\",";
        assertThat(registry.scrape())
                .contains("mentorium_updates_processed_total 4.0\n")
                .contains(urgent + "le=\"0.001\"} 0\n")
                .contains(urgent + "le=\"0.005\"} 1\n")
                .contains(urgent + "le=\"0.05\"} 2\n")
                .contains(urgent + "le=\"10.0\"} 2\n")
                .contains(urgent + "le=\"+Inf\"} 3\n")
                .contains("mentorium_update_handling_seconds_count{urgency=\"urgent\"} 3\n")
                .contains("mentorium_update_handling_seconds_sum{urgency=\"urgent\"} 30.044\n")
                .contains("mentorium_update_handling_seconds_bucket{urgency=\"ordinary\",le=\"0.1\"} 0\n")
                .contains("mentorium_update_handling_seconds_bucket{urgency=\"ordinary\",le=\"0.25\"} 1\n")
                .contains("mentorium_update_handling_seconds_count{urgency=\"ordinary\"} 1\n");
    }

    @Test
    void sendDelaysAndTheirCallsLandInTheirLanesBuckets() {
        assertThat(registry.scrape())
                .contains("mentorium_outbox_send_delay_seconds_count{lane=\"reply\"} 0\n")
                .contains("mentorium_outbox_send_delay_seconds_count{lane=\"background\"} 0\n")
                .contains("mentorium_outbox_send_call_seconds_count{lane=\"reply\"} 0\n")
                .contains("mentorium_outbox_send_call_seconds_count{lane=\"background\"} 0\n");

        metrics.messageSentAfter(Duration.ofMillis(3), Duration.ofMillis(2), true);
        metrics.messageSentAfter(Duration.ofMillis(-2), Duration.ofMillis(-3), true);
        metrics.messageSentAfter(Duration.ofMillis(700), Duration.ofMillis(40), false);

        assertThat(registry.scrape())
                .contains("mentorium_outbox_send_delay_seconds_bucket{lane=\"reply\",le=\"0.001\"} 1\n")
                .contains("mentorium_outbox_send_delay_seconds_bucket{lane=\"reply\",le=\"0.005\"} 2\n")
                .contains("mentorium_outbox_send_delay_seconds_bucket{lane=\"background\",le=\"0.5\"} 0\n")
                .contains("mentorium_outbox_send_delay_seconds_bucket{lane=\"background\",le=\"1.0\"} 1\n")
                .contains("mentorium_outbox_send_call_seconds_bucket{lane=\"reply\",le=\"0.001\"} 1\n")
                .contains("mentorium_outbox_send_call_seconds_bucket{lane=\"reply\",le=\"0.0025\"} 2\n")
                .contains("mentorium_outbox_send_call_seconds_bucket{lane=\"background\",le=\"0.025\"} 0\n")
                .contains("mentorium_outbox_send_call_seconds_bucket{lane=\"background\",le=\"0.05\"} 1\n");
    }

    @Test
    void messagesAreCountedByOutcomeAndUnknownOutcomesFoldIntoOther() {
        metrics.messageSent("sent");
        metrics.messageSent("sent");
        metrics.messageSent("blocked");
        metrics.messageSent("sent-with-a-typo");

        assertThat(registry.scrape())
                .contains("mentorium_messages_sent_total{outcome=\"sent\"} 2.0\n")
                .contains("mentorium_messages_sent_total{outcome=\"blocked\"} 1.0\n")
                .contains("mentorium_messages_sent_total{outcome=\"other\"} 1.0\n")
                .doesNotContain("sent-with-a-typo");
    }

    @Test
    void failedUpdatesAreCountedApartFromProcessedOnes() {
        metrics.updateFailed();

        assertThat(registry.scrape())
                .contains("mentorium_updates_failed_total 1.0\n")
                .contains("mentorium_updates_processed_total 0.0\n");
    }

    @Test
    void eachRegistryCountsOnlyWhatWasRecordedOnIt() {
        MetricsRegistry other = new MetricsRegistry();
        new PrometheusPipelineMetrics(other);

        metrics.updatesReceived(4);

        assertThat(other.scrape()).contains("mentorium_updates_received_total 0.0\n").contains("jvm_memory_used_bytes");
    }
}
