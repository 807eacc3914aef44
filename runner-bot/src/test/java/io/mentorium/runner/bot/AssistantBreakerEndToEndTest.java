package io.mentorium.runner.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.openai.ModelReliability;
import io.mentorium.adapters.openai.testing.OpenAiStandIn;
import io.mentorium.adapters.openai.testing.OpenAiStandIn.Behaviour;
import io.mentorium.adapters.persistence.testing.TestDatabase;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import io.mentorium.adapters.telegram.testing.Eventually;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The circuit breaker end to end: a failing model opens it, questions are then answered offline with a notice and no
 * request goes to the model, menus keep answering throughout, and once the model recovers the breaker closes and the
 * model answers again. A bot of its own, with a short breaker delay, so no other test meets an open breaker.
 */
class AssistantBreakerEndToEndTest {

    /**
     * How long the breaker stays open: long enough that the question asked while it is open is answered before it
     * half-opens even on a loaded machine (at 2 s, a busy CI machine once let that question probe the model).
     */
    private static final Duration OPEN_FOR = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    @Test
    void theBreakerOpensUnderAFailingModelWhileMenusAnswerAndClosesAfterRecovery() throws Exception {
        AtomicBoolean failing = new AtomicBoolean(true);
        try (BotApiStandIn telegram = BotApiStandIn.start(); OpenAiStandIn model = OpenAiStandIn.start();
             HttpClient http = HttpClient.newHttpClient()) {
            model.respondWith(request -> failing.get() ? Behaviour.serverError()
                    : OpenAiStandIn.defaultBehaviour(request, OpenAiStandIn.Pacing.FAST));
            Map<String, String> env = new HashMap<>(BotRunEndToEndTest.environment(telegram,
                    TestDatabase.freshDatabase(), dataDir));
            env.putAll(model.environment());
            // The recovery loop below asks until the model answers again: more than the default 30 an hour.
            env.put("AI_QUESTIONS_PER_HOUR", "1000");
            BotRunEndToEndTest.migrateWithDemoData(env);
            try (BotRuntime bot = BotRuntime.start(env, Clock.systemUTC(), tuning -> BotRunEndToEndTest.fastSends(tuning)
                    .withModel(ModelReliability.DEFAULTS.withBreaker(50, 4, OPEN_FOR)))) {
                TelegramChat chat = new TelegramChat(telegram, 9301, "en");
                chat.command("start", "Please choose your language");
                chat.press("English", "guardian e-mail");
                chat.type("aziza.karimova@example.com", "Now send the link code");
                chat.type("481516", "Is this your child?");
                chat.press("Yes", "your child is linked");
                URI metrics = URI.create("http://127.0.0.1:" + bot.httpPort() + "/metrics");

                // Two questions, three failed attempts each: the breaker opens.
                chat.type("How is Jasur doing?", "unavailable");
                chat.type("And his streak?", "unavailable");
                Eventually.until("the breaker to open", () -> scrape(http, metrics)
                        .contains("ai_circuit_breaker_state 2.0"), Duration.ofSeconds(30));
                int requestsWhenOpen = model.requestCount();

                String offline = chat.type("How is Jasur doing this week?", "unavailable");
                assertThat(offline).contains("Jasur");
                assertThat(model.requestCount()).as("no request while the breaker is open").isEqualTo(requestsWhenOpen);
                chat.type("❓ Help", "What I can do");

                failing.set(false);
                AtomicInteger asked = new AtomicInteger();
                // Half-open after OPEN_FOR: probes go through, and two good answers close the breaker.
                Eventually.until("the model to answer again and the breaker to close", () -> {
                    // Offline or from the model, every answer ends a sentence.
                    String answer = chat.type("How is Jasur doing this week? #" + asked.incrementAndGet(), ".");
                    return answer.contains("According to the school's records")
                            && scrape(http, metrics).contains("ai_circuit_breaker_state 0.0");
                }, Duration.ofSeconds(60));
            }
        }
    }

    private static String scrape(HttpClient http, URI metrics) {
        try {
            return http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
