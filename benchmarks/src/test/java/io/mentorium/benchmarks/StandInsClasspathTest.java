package io.mentorium.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.openai.testing.OpenAiStandIn;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The stand-ins answer a request with a body on the benchmarks' own classpath, which is not the one their modules'
 * tests run on: a class they need that only a test-scoped dependency of theirs brought would be missing here, and the
 * benchmarks would fail only when run.
 */
class StandInsClasspathTest {

    @Test
    void theBotApiStandInTakesACallWithABody() throws Exception {
        try (BotApiStandIn telegram = BotApiStandIn.startOnPlatformThreads();
             HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            telegram.baseUri().resolve("/bot" + telegram.token() + "/sendMessage"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"chat_id\":42,\"text\":\"hello\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(telegram.callsTo("sendMessage")).singleElement()
                    .satisfies(call -> assertThat(call.string("text")).isEqualTo("hello"));
        }
    }

    @Test
    void theModelStandInTakesARequestOverEitherTransport() throws Exception {
        for (OpenAiStandIn.Transport transport : OpenAiStandIn.Transport.values()) {
            try (OpenAiStandIn model = OpenAiStandIn.start(OpenAiStandIn.API_KEY, OpenAiStandIn.Pacing.FAST,
                    transport);
                 HttpClient http = client(model)) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create(model.baseUri() + "/chat/completions"))
                        .header("Authorization", "Bearer " + OpenAiStandIn.API_KEY)
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},
                                 "messages":[{"role":"user","content":"Hi"}]}""")).build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).as(transport + ": " + response.body()).isEqualTo(200);
                assertThat(response.body()).as(transport.name()).endsWith("data: [DONE]\n\n");
                assertThat(model.requestCount()).as(transport.name()).isOne();
            }
        }
    }

    private static HttpClient client(OpenAiStandIn model) throws Exception {
        if (model.trustManager().isEmpty()) {
            return HttpClient.newHttpClient();
        }
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(null, new javax.net.ssl.TrustManager[] {model.trustManager().get()}, null);
        return HttpClient.newBuilder().sslContext(tls).build();
    }
}
