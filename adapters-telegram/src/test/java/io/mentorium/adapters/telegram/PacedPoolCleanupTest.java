package io.mentorium.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import io.mentorium.adapters.telegram.testing.Eventually;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Bot API connection pool, cleaned on its own pace: calls' ends wake nothing, idle connections still go. */
class PacedPoolCleanupTest {

    private final BotApiStandIn standIn = BotApiStandIn.start();
    private final TelegramSettings settings = new TelegramSettings(Optional.of(standIn.token()), standIn.baseUri(), 25);
    private final Request getMe = new Request.Builder()
            .url(TelegramApi.methodUrl(settings.telegramUrl(), standIn.token(), "getMe")).build();

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void callsEndingOneByOneDoNotWakeTheCleanup() throws IOException {
        PacedPoolCleanup cleanup = new PacedPoolCleanup(Duration.ofHours(1));
        ConnectionPool pool = PacedPoolCleanup.pool(8, Duration.ofMinutes(5), cleanup);
        OkHttpClient client = new OkHttpClient.Builder().connectionPool(pool).build();

        for (int i = 0; i < 200; i++) {
            call(client);
        }

        // OkHttp's own backend is woken at every one of the 200 calls' ends; here the pool's first connection starts
        // the clean-up thread once and nothing wakes it for the next hour.
        assertThat(cleanup.activations()).isBetween(1L, 3L);
        assertThat(pool.connectionCount()).isEqualTo(1);
        pool.evictAll();
    }

    @Test
    void idleConnectionsAreStillEvictedAndTheCleanupThreadEnds() throws IOException {
        PacedPoolCleanup cleanup = new PacedPoolCleanup(Duration.ofMillis(20));
        // Kept long enough that a paused test thread still finds the connection pooled before it is evicted.
        ConnectionPool pool = PacedPoolCleanup.pool(8, Duration.ofMillis(500), cleanup);
        OkHttpClient client = new OkHttpClient.Builder().connectionPool(pool).build();

        call(client);
        assertThat(pool.connectionCount()).isEqualTo(1);
        // OkHttp's task runner starts a second thread when a connection goes idle while the first one is running a
        // clean-up rather than waiting; that one finds nothing due and ends, so one or two run here, never none.
        assertThat(cleanup.threadsRunning()).isBetween(1, 2);

        Eventually.until("the idle connection evicted", () -> pool.connectionCount() == 0, Duration.ofSeconds(10));
        Eventually.until("the clean-up thread ended", () -> cleanup.threadsRunning() == 0, Duration.ofSeconds(10));
        assertThat(cleanup.activations()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void connectionsBeyondTheIdleLimitAreClosedWithinThePace() throws IOException {
        ConnectionPool pool = PacedPoolCleanup.pool(1, Duration.ofMinutes(5), Duration.ofMillis(20));
        OkHttpClient first = new OkHttpClient.Builder().connectionPool(pool).build();
        // Two calls open at once need two connections; once both are idle one is over the limit of one.
        try (Response held = first.newCall(getMe).execute()) {
            call(first);
            assertThat(held.code()).isEqualTo(200);
            // One idle, one in use: nothing over the limit yet.
            assertThat(pool.connectionCount()).isEqualTo(2);
        }

        Eventually.until("the pool back to its idle limit", () -> pool.connectionCount() == 1, Duration.ofSeconds(10));
        pool.evictAll();
    }

    @Test
    void aPaceMustBePositive() {
        assertThatThrownBy(() -> new PacedPoolCleanup(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pace");
    }

    private void call(OkHttpClient client) throws IOException {
        try (Response response = client.newCall(getMe).execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body().string()).contains("\"ok\":true");
        }
    }
}
