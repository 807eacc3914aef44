package io.mentorium.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.adapters.openai.testing.OpenAiStandIn;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class AssistantBenchmarkSettingsTest {

    @Test
    void noArgumentsAreTheDefaults() {
        assertThat(AssistantBenchmarkSettings.parse()).isEqualTo(AssistantBenchmarkSettings.DEFAULTS);
    }

    @Test
    void askersFollowTheLargestWaveUnlessGiven() {
        AssistantBenchmarkSettings settings = AssistantBenchmarkSettings.parse("--waves", "100, 400,200",
                "--menu-rate", "20", "--max-concurrent-answers", "5000", "--baseline", "0");

        assertThat(settings.waves()).isEqualTo(List.of(100, 400, 200));
        assertThat(settings.askers()).isEqualTo(400);
        assertThat(settings.menuRate()).isEqualTo(20);
        assertThat(settings.baseline()).isEqualTo(Duration.ZERO);
        assertThat(settings.maxConcurrentAnswers()).isEqualTo(OptionalInt.of(5000));
        assertThat(AssistantBenchmarkSettings.parse("--waves", "100", "--askers", "300").askers()).isEqualTo(300);
    }

    @Test
    void flagsTakeNoValue() {
        AssistantBenchmarkSettings settings = AssistantBenchmarkSettings.parse("--jfr", "--waves", "100",
                "--thread-dumps");

        assertThat(settings.jfr()).isTrue();
        assertThat(settings.threadDumps()).isTrue();
        assertThat(settings.waves()).isEqualTo(List.of(100));
        assertThat(AssistantBenchmarkSettings.parse("--waves", "100", "--jfr").threadDumps()).isFalse();
        assertThat(AssistantBenchmarkSettings.DEFAULTS.jfr()).isFalse();
    }

    @Test
    void botJvmOptionsAreSplitOnSpaces() {
        assertThat(AssistantBenchmarkSettings.parse("--waves", "100", "--bot-jvm", " -XX:+UseZGC  -Xss512k ")
                .botJvmOptions()).containsExactly("-XX:+UseZGC", "-Xss512k");
        assertThat(AssistantBenchmarkSettings.DEFAULTS.botJvmOptions()).isEmpty();
    }

    @Test
    void theModelIsReachedOverTlsWithHttp2UnlessToldOtherwise() {
        assertThat(AssistantBenchmarkSettings.DEFAULTS.modelTransport())
                .isEqualTo(OpenAiStandIn.Transport.TLS_HTTP_2);
        assertThat(AssistantBenchmarkSettings.parse("--model-transport", "plain-h1").modelTransport())
                .isEqualTo(OpenAiStandIn.Transport.PLAIN_HTTP_1_1);
        assertThat(AssistantBenchmarkSettings.parse("--model-transport", "tls-h2").modelTransport())
                .isEqualTo(OpenAiStandIn.Transport.TLS_HTTP_2);
        assertThatThrownBy(() -> AssistantBenchmarkSettings.parse("--model-transport", "h3"))
                .hasMessageContaining("--model-transport");
    }

    @Test
    void warmUpWavesAreAsLargeAsTheLargestWaveUnlessGiven() {
        assertThat(AssistantBenchmarkSettings.DEFAULTS.warmup()).isEqualTo(3_000);
        assertThat(AssistantBenchmarkSettings.parse("--waves", "500,2000").warmup()).isEqualTo(2_000);
        AssistantBenchmarkSettings given = AssistantBenchmarkSettings.parse("--waves", "500", "--warmup", "1500");
        assertThat(given.warmup()).isEqualTo(1_500);
        assertThat(given.askers()).isEqualTo(1_500);
        assertThat(AssistantBenchmarkSettings.parse("--waves", "500", "--warmup", "0").warmup()).isZero();
        assertThatThrownBy(() -> AssistantBenchmarkSettings.parse("--askers", "600", "--waves", "500", "--warmup",
                "700")).hasMessageContaining("--warmup");
    }

    @Test
    void wavesLargerThanTheAskersAndUnknownOptionsAreRejected() {
        assertThatThrownBy(() -> AssistantBenchmarkSettings.parse("--askers", "100", "--waves", "200"))
                .hasMessageContaining("--askers");
        assertThatThrownBy(() -> AssistantBenchmarkSettings.parse("--parents", "10")).hasMessageContaining("--parents");
        assertThatThrownBy(() -> AssistantBenchmarkSettings.parse("--waves")).hasMessageContaining("no value after");
    }
}
