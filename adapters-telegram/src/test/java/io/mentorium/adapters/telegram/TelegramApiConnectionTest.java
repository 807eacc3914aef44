package io.mentorium.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sockets the Bot API connection opens, observed on a real call to the stand-in. */
class TelegramApiConnectionTest {

    private final BotApiStandIn standIn = BotApiStandIn.start();
    private final TelegramSettings settings = new TelegramSettings(Optional.of(standIn.token()), standIn.baseUri(), 25);
    private final TelegramApi api = TelegramApi.connect(settings);

    @AfterEach
    void stop() {
        api.close();
        standIn.close();
    }

    @Test
    void theConnectionsSendWithoutWaitingForAcknowledgements() throws IOException {
        List<Socket> sockets = new CopyOnWriteArrayList<>();
        OkHttpClient observed = api.http().newBuilder().eventListener(new EventListener() {
            @Override
            public void connectionAcquired(Call call, Connection connection) {
                sockets.add(connection.socket());
            }
        }).build();

        Request getMe = new Request.Builder().url(TelegramApi.methodUrl(settings.telegramUrl(), standIn.token(), "getMe"))
                .build();
        try (Response response = observed.newCall(getMe).execute()) {
            assertThat(response.code()).isEqualTo(200);
        }

        // A multi-write request (a photo) would otherwise wait for the server's delayed ACK on every call.
        assertThat(sockets).isNotEmpty().allSatisfy(socket -> assertThat(socket.getTcpNoDelay()).isTrue());
    }
}
