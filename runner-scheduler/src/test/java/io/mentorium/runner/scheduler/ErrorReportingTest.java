package io.mentorium.runner.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.slf4j.LoggerFactory;

/** The scheduler's copy of the bot's error reporting, against a local stand-in of Sentry's ingestion endpoint. */
class ErrorReportingTest {

    private final List<String> envelopes = new CopyOnWriteArrayList<>();
    private HttpServer sentry;

    @BeforeEach
    void startSentryStandIn() throws IOException {
        sentry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sentry.createContext("/", exchange -> {
            try (InputStream raw = exchange.getRequestBody()) {
                boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
                envelopes.add(new String((gzip ? new GZIPInputStream(raw) : raw).readAllBytes(),
                        StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        sentry.start();
    }

    @AfterEach
    void stop() {
        ErrorReporting.close();
        sentry.stop(0);
    }

    @Test
    void a_failed_job_arrives_scrubbed_and_tagged() {
        Environment env = new Environment(Map.of(
                "SENTRY_DSN", "http://publickey@127.0.0.1:" + sentry.getAddress().getPort() + "/7",
                "SENTRY_ENVIRONMENT", "staging", "SENTRY_RELEASE", "mentorium@1.2.3"));
        SentrySettings settings = SentrySettings.from(env).orElseThrow();
        assertThat(env.problems()).isEmpty();
        ErrorReporting.install(settings, "mentorium-scheduler");

        LoggerFactory.getLogger("io.mentorium.runner.scheduler.JobRunner")
                .error("Job weekly-reports failed for parent karim.karimov@example.uz, code 271828");

        String event = await();
        assertThat(event).contains("\"environment\":\"staging\"", "\"release\":\"mentorium@1.2.3\"",
                "\"service\":\"mentorium-scheduler\"", "Job weekly-reports failed");
        assertThat(event).doesNotContain("karim.karimov@example.uz", "271828");
    }

    @Test
    void without_a_dsn_there_is_nothing_to_install() {
        assertThat(SentrySettings.from(new Environment(Map.of()))).isEmpty();
        assertThat(Sentry.isEnabled()).isFalse();
    }

    private String await() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Optional<String> found = envelopes.stream().filter(e -> e.contains("\"type\":\"event\"")).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Sentry.flush(200);
        }
        throw new AssertionError("no Sentry event within 30 s; got " + envelopes);
    }
}
