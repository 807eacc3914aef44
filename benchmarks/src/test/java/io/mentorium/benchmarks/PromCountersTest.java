package io.mentorium.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PromCountersTest {

    private static final String BEFORE = """
            # HELP mentorium_assistant_questions_total Questions to the assistant by how they were answered
            # TYPE mentorium_assistant_questions_total counter
            mentorium_assistant_questions_total{outcome="model"} 10.0
            mentorium_assistant_questions_total{outcome="fallback"} 0.0
            mentorium_assistant_questions_total_created{outcome="model"} 1.7E9
            ai_requests_total{outcome="ok"} 20.0
            """;
    private static final String AFTER = """
            mentorium_assistant_questions_total{outcome="model"} 510.0
            mentorium_assistant_questions_total{outcome="fallback"} 3.0
            mentorium_assistant_questions_total{outcome="apology"} 1.0
            ai_requests_total{instance="a",outcome="ok"} 1020.0
            """;

    @Test
    void readsOneCounterByItsLabelAndLeavesSimilarNamesAlone() {
        assertThat(PromCounters.byLabel(BEFORE, "mentorium_assistant_questions_total", "outcome"))
                .isEqualTo(Map.of("model", 10.0, "fallback", 0.0));
        assertThat(PromCounters.byLabel(AFTER, "ai_requests_total", "outcome")).isEqualTo(Map.of("ok", 1020.0));
    }

    @Test
    void theDifferenceIsWhatAPhaseAdded() {
        assertThat(PromCounters.difference(
                PromCounters.byLabel(BEFORE, "mentorium_assistant_questions_total", "outcome"),
                PromCounters.byLabel(AFTER, "mentorium_assistant_questions_total", "outcome")))
                .isEqualTo(Map.of("model", 500L, "fallback", 3L, "apology", 1L));
    }
}
