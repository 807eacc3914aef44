package io.mentorium.runner.bot.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.runner.bot.http.ReadinessCheck.Result;
import io.mentorium.runner.bot.metrics.MetricsRegistry;
import io.mentorium.runner.bot.metrics.PrometheusPipelineMetrics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OperationsServerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(PATIENCE).build();
    private final AtomicBoolean databaseUp = new AtomicBoolean(true);
    private final AtomicBoolean pollingAlive = new AtomicBoolean(true);
    private final AtomicInteger uploadsReceived = new AtomicInteger();
    private final MetricsRegistry metrics = new MetricsRegistry();
    private OperationsServer server;
    private int port;

    @BeforeEach
    void start() {
        server = OperationsServer.builder()
                .bind("127.0.0.1", 0)
                .metrics(metrics)
                .readiness("bot-database", () -> databaseUp.get() ? Result.UP : Result.down("unreachable"))
                .readiness("polling", ReadinessCheck.when(pollingAlive::get, "not running"))
                .route("POST", "/upload", call -> {
                    uploadsReceived.incrementAndGet();
                    return HttpReply.json(200, "{\"bytes\":" + call.body().length + "}");
                })
                .route("GET", "/boom", call -> {
                    throw new IllegalStateException("secret-detail-42");
                })
                .build();
        port = server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void liveAnswersUpAsJson() throws Exception {
        HttpResponse<String> response = get("/health/live");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    }

    @Test
    void readyIsUpWhenEveryCheckPasses() throws Exception {
        HttpResponse<String> response = get("/health/ready");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\","
                + "\"checks\":{\"bot-database\":{\"status\":\"UP\"},\"polling\":{\"status\":\"UP\"}}}");
    }

    @Test
    void readyIsDownNamingTheFailingCheckAndRecoversWhenItPassesAgain() throws Exception {
        pollingAlive.set(false);

        HttpResponse<String> down = get("/health/ready");

        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).isEqualTo("{\"status\":\"DOWN\",\"checks\":{\"bot-database\":{\"status\":\"UP\"},"
                + "\"polling\":{\"status\":\"DOWN\",\"reason\":\"not running\"}}}");

        pollingAlive.set(true);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void readyCountsAThrowingCheckAsDownWithoutServingItsMessage() throws Exception {
        try (OperationsServer failing = OperationsServer.builder()
                .readiness("bot-database", ReadinessCheck.succeeds(() -> { }))
                .readiness("platform-database", ReadinessCheck.succeeds(() -> {
                    throw new IllegalStateException("password=hunter2");
                }))
                .build()) {
            HttpResponse<String> response = get(failing.start(), "/health/ready");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).isEqualTo("{\"status\":\"DOWN\",\"checks\":{"
                    + "\"bot-database\":{\"status\":\"UP\"},"
                    + "\"platform-database\":{\"status\":\"DOWN\","
                    + "\"reason\":\"check failed: IllegalStateException\"}}}");
        }
    }

    @Test
    void readyCountsACheckSlowerThanTheTimeoutAsDown() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        // The hanging check waits for the latch whatever the timeout; the timeout is the fast check's time to answer
        // on a thread of its own, which a busy machine (a pause, a descheduled carrier) can stretch past 200 ms.
        try (OperationsServer slow = OperationsServer.builder()
                .readinessTimeout(Duration.ofSeconds(2))
                .readiness("fast", () -> Result.UP)
                .readiness("hanging", () -> {
                    release.await();
                    return Result.UP;
                })
                .build()) {
            int slowPort = slow.start();

            HttpResponse<String> response = get(slowPort, "/health/ready");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).isEqualTo("{\"status\":\"DOWN\",\"checks\":{\"fast\":{\"status\":\"UP\"},"
                    + "\"hanging\":{\"status\":\"DOWN\",\"reason\":\"no answer within 2000 ms\"}}}");

            release.countDown();
            assertThat(pollUntilStatus(slowPort, "/health/ready", 200)).isEqualTo(200);
        }
    }

    @Test
    void metricsServeThePipelineCountersAndJvmMetricsInTheTextFormat() throws Exception {
        PrometheusPipelineMetrics pipeline = new PrometheusPipelineMetrics(metrics);
        pipeline.updatesReceived(3);
        pipeline.updateProcessed(Duration.ofMillis(4), true);
        pipeline.updateFailed();
        pipeline.messageSent("sent");

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body())
                .contains("mentorium_updates_received_total 3.0\n")
                .contains("mentorium_updates_processed_total 1.0\n")
                .contains("mentorium_updates_failed_total 1.0\n")
                .contains("mentorium_messages_sent_total{outcome=\"sent\"} 1.0\n")
                .contains("mentorium_update_handling_seconds_count{urgency=\"urgent\"} 1\n")
                .contains("jvm_memory_used_bytes{area=\"heap\"}");
    }

    @Test
    void unknownPathIsNotFoundAsJson() throws Exception {
        HttpResponse<String> response = get("/health/nothing");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"not found\"}");
    }

    @Test
    void wrongMethodIsNotAllowedAndNamesTheAllowedOne() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/health/live"))
                .POST(BodyPublishers.ofString("{}")).build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
        assertThat(response.body()).isEqualTo("{\"error\":\"method not allowed\"}");
    }

    @Test
    void bodyWithinTheLimitReachesTheRouteWhole() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/upload"))
                .POST(BodyPublishers.ofByteArray(new byte[OperationsServer.MAX_REQUEST_BODY_BYTES])).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"bytes\":65536}");
    }

    @Test
    void bodyOverTheLimitWithALengthIsRefusedWithoutReachingTheRoute() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/upload"))
                .POST(BodyPublishers.ofByteArray(new byte[100 * 1024])).build());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"error\":\"request body larger than 65536 bytes\"}");
        assertThat(uploadsReceived).hasValue(0);
    }

    @Test
    void chunkedBodyOverTheLimitIsRefusedWithoutReachingTheRoute() throws Exception {
        byte[] hundredKib = new byte[100 * 1024];
        // A stream of unknown length makes the client send the body chunked, without Content-Length.
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/upload"))
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(hundredKib))).build());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(uploadsReceived).hasValue(0);
    }

    @Test
    void handlerThatThrowsGivesAGeneric500WithoutTheExceptionOrAStackTrace() throws Exception {
        HttpResponse<String> response = get("/boom");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"error\":\"internal error\"}");
    }

    @Test
    void malformedRequestGetsAJsonErrorWithoutDetails() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /health/live HTTP/1.1\r\nHost: x\r\nContent-Length: nonsense\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout((int) PATIENCE.toMillis());
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 400 ");
            assertThat(answer).contains("{\"error\":\"bad request\"}").doesNotContain("nonsense");
        }
    }

    @Test
    void stopLetsARequestInFlightFinishThenFreesThePort() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        OperationsServer graceful = OperationsServer.builder()
                .route("GET", "/slow", call -> {
                    entered.countDown();
                    release.await();
                    return HttpReply.json(200, "{\"done\":true}");
                })
                .build();
        int gracefulPort = graceful.start();
        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                HttpRequest.newBuilder(uri(gracefulPort, "/slow")).timeout(PATIENCE).build(), BodyHandlers.ofString());
        assertThat(entered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(graceful::stop);
        awaitConnectionsRefused(gracefulPort);
        release.countDown();

        assertThat(inFlight.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).body()).isEqualTo("{\"done\":true}");
        stopping.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        try (ServerSocket rebound = new ServerSocket(gracefulPort, 1, InetAddress.getLoopbackAddress())) {
            assertThat(rebound.getLocalPort()).isEqualTo(gracefulPort);
        }
    }

    @Test
    void startOnAPortInUseFailsNamingTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            OperationsServer second = OperationsServer.builder().bind("127.0.0.1", taken.getLocalPort()).build();

            assertThatThrownBy(second::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void routeOnABuiltInPathIsRefusedWhenBuilding() {
        OperationsServer.Builder builder = OperationsServer.builder()
                .metrics(metrics)
                .route("GET", "/metrics", call -> HttpReply.json(200, "{}"));

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GET /metrics is mounted twice");
    }

    @Test
    void withoutARegistryThereIsNoMetricsEndpoint() throws Exception {
        try (OperationsServer bare = OperationsServer.builder().build()) {
            assertThat(get(bare.start(), "/metrics").statusCode()).isEqualTo(404);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(port, path);
    }

    private HttpResponse<String> get(int serverPort, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(serverPort, path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return uri(port, path);
    }

    private static URI uri(int serverPort, String path) {
        return URI.create("http://127.0.0.1:" + serverPort + path);
    }

    private int pollUntilStatus(int serverPort, String path, int wanted) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        int status;
        do {
            status = get(serverPort, path).statusCode();
        } while (status != wanted && System.nanoTime() < deadline);
        return status;
    }

    private static void awaitConnectionsRefused(int serverPort) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), serverPort)) {
                Thread.onSpinWait();
            } catch (ConnectException refused) {
                return;
            } catch (SocketException reset) {
                // A connection that reached the listening socket as it closed is reset, not refused: the port is
                // being freed, and the next attempt tells.
                Thread.onSpinWait();
            } catch (IOException other) {
                throw new AssertionError(other);
            }
        }
        throw new AssertionError("port " + serverPort + " still accepts connections");
    }
}
