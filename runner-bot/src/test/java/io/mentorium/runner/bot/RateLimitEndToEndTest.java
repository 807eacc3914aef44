package io.mentorium.runner.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.testing.TestDatabase;
import io.mentorium.adapters.telegram.testing.BotApiCall;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import io.mentorium.adapters.telegram.testing.Eventually;
import io.mentorium.adapters.telegram.testing.TelegramUpdates;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production pacing seen from Telegram's side: the global rate from TELEGRAM_MAX_SENDS_PER_SECOND holds. */
class RateLimitEndToEndTest {

    private static final int PER_SECOND = 5;
    private static final int CHATS = 16;

    @TempDir
    Path dataDir;

    @Test
    void noSecondAtTelegramSeesMoreMessagesThanTheConfiguredRate() throws Exception {
        try (BotApiStandIn telegram = BotApiStandIn.start()) {
            Map<String, String> env = BotRunEndToEndTest.environment(telegram, TestDatabase.freshDatabase(), dataDir);
            env.put("TELEGRAM_MAX_SENDS_PER_SECOND", String.valueOf(PER_SECOND));
            BotRunEndToEndTest.migrateWithDemoData(env);
            try (BotRuntime bot = BotRuntime.start(env, Clock.systemUTC(), UnaryOperator.identity())) {
                telegram.enqueueUpdates(IntStream.range(0, CHATS)
                        .mapToObj(i -> TelegramUpdates.person(800_000 + i, "en").command("start")).toList());

                Eventually.until(CHATS + " messages", () -> telegram.callsTo("sendMessage").size() >= CHATS,
                        Duration.ofSeconds(30));
            }
            List<BotApiCall> sends = telegram.callsTo("sendMessage");
            assertThat(sends).hasSize(CHATS);
            // The relay starts sends 1/rate apart, but the stand-in stamps their arrival: on a busy machine a send
            // can arrive hundreds of milliseconds late (its thread descheduled, a pause) and bunch up with the next,
            // and the first one also pays for the cold path, so it is left out. No second may see more than two over
            // the rate (any PER_SECOND + 3 consecutive arrivals span a second; paced, they are 1.4 s apart): 400 ms
            // for such a delay, while an unpaced relay sends them all within milliseconds.
            int window = PER_SECOND + 2;
            for (int i = 1; i + window < sends.size(); i++) {
                Duration span = Duration.between(sends.get(i).at(), sends.get(i + window).at());
                assertThat(span).as("sends %d..%d", i, i + window).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            }
            // And the rate holds on average: timed from the second arrival, with the same 400 ms for its delay.
            Duration all = Duration.between(sends.get(1).at(), sends.getLast().at());
            assertThat(all).isGreaterThanOrEqualTo(Duration.ofMillis(1000L * (CHATS - 2) / PER_SECOND - 400));
        }
    }
}
