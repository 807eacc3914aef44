package io.mentorium.runner.bot;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import com.sun.net.httpserver.HttpServer;
import io.mentorium.application.config.Environment;
import io.sentry.Sentry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sentry's ingestion endpoint played by a local HTTP server: what would leave the process is read back. */
class ErrorReportingTest {

    private static final String EMAIL = "aziza.karimova@example.com";
    private static final String CODE = "481516";
    private static final String TOKEN = "123456789:AAEhBOweik9ai2o4Tq-abcdefghijklmnop";

    private final List<String> envelopes = new CopyOnWriteArrayList<>();
    private HttpServer sentry;
    private LoggingSettings settings;

    @BeforeEach
    void startSentryStandIn() throws IOException {
        sentry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sentry.createContext("/", exchange -> {
            try (InputStream raw = exchange.getRequestBody()) {
                boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
                InputStream body = gzip ? new GZIPInputStream(raw) : raw;
                envelopes.add(exchange.getRequestURI().getPath() + "\n"
                        + new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        sentry.start();
    }

    @AfterEach
    void stop() {
        if (settings != null) {
            settings.close();
        }
        sentry.stop(0);
    }

    @Test
    void an_error_arrives_scrubbed_with_its_release_and_environment() {
        settings = LoggingSettings.from(new Environment(Map.of(
                "SENTRY_DSN", "http://publickey@127.0.0.1:" + sentry.getAddress().getPort() + "/42",
                "SENTRY_ENVIRONMENT", "staging", "SENTRY_RELEASE", "mentorium@9.9.9")), "json");
        settings.apply();
        Logger log = LoggerFactory.getLogger("io.mentorium.test.Linking");

        log.info("Parent typed {} before the failure", EMAIL);
        log.error("Linking failed for {} with code {} (token {})", EMAIL, CODE, TOKEN,
                new IllegalStateException("refused " + EMAIL + " " + CODE));

        String event = awaitEnvelope("\"type\":\"event\"");
        assertThat(event).startsWith("/api/42/envelope/");
        assertThat(event).contains("\"environment\":\"staging\"", "\"release\":\"mentorium@9.9.9\"",
                "\"service\":\"mentorium-bot\"", "Linking failed for", "IllegalStateException", "<token>");
        assertThat(event).doesNotContain(EMAIL, CODE, TOKEN, "AAEhBOweik9ai2o4Tq");
    }

    @Test
    void without_a_dsn_no_appender_is_added_and_sentry_stays_off() {
        settings = LoggingSettings.from(new Environment(Map.of()), "json");
        settings.apply();

        LoggerFactory.getLogger("io.mentorium.test.Linking").error("Linking failed for {}", EMAIL);

        assertThat(settings.sentry()).isEmpty();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(ErrorReporting.APPENDER_NAME)).isNull();
        assertThat(Sentry.isEnabled()).isFalse();
        assertThat(envelopes).isEmpty();
    }

    @Test
    void a_dsn_that_is_not_one_is_a_configuration_problem_that_does_not_echo_it() {
        Environment env = new Environment(Map.of("SENTRY_DSN", "secret-key-not-a-url"));
        LoggingSettings.from(env, "json");

        assertThat(env.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.variable()).isEqualTo("SENTRY_DSN");
            assertThat(problem.message()).doesNotContain("secret-key");
        });
    }

    private String awaitEnvelope(String containing) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Optional<String> found = envelopes.stream().filter(e -> e.contains(containing)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Sentry.flush(200);
        }
        throw new AssertionError("no envelope with " + containing + " within 30 s; got " + envelopes);
    }
}
