package io.mentorium.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchmarkSettingsTest {

    @Test
    void noArgumentsAreTheDefaults() {
        assertThat(BenchmarkSettings.parse()).isEqualTo(BenchmarkSettings.DEFAULTS);
        assertThat(BenchmarkSettings.DEFAULTS.jfr()).isFalse();
    }

    @Test
    void theJfrFlagTakesNoValueAndOptionsAroundItKeepTheirs() {
        BenchmarkSettings settings = BenchmarkSettings.parse("--parents", "300", "--jfr", "--paced", "250, 0,750",
                "--bot-jar", "/tmp/bot.jar", "--bot-jvm", " -XX:+PrintCompilation  -Xss512k");

        assertThat(settings.jfr()).isTrue();
        assertThat(settings.parents()).isEqualTo(300);
        assertThat(settings.pacedRates()).isEqualTo(List.of(250, 750));
        assertThat(settings.botJar()).isEqualTo(Optional.of(Path.of("/tmp/bot.jar")));
        assertThat(settings.botJvmOptions()).containsExactly("-XX:+PrintCompilation", "-Xss512k");
        assertThat(settings.newcomers()).isEqualTo(BenchmarkSettings.DEFAULTS.newcomers());
    }

    @Test
    void unknownOptionsAndMissingValuesAreRejected() {
        assertThatThrownBy(() -> BenchmarkSettings.parse("--chats", "10")).hasMessageContaining("--chats");
        assertThatThrownBy(() -> BenchmarkSettings.parse("--waves")).hasMessageContaining("no value after --waves");
        assertThatThrownBy(() -> BenchmarkSettings.parse("--parents", "0"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
