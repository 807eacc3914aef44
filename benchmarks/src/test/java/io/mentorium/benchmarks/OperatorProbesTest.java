package io.mentorium.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class OperatorProbesTest {

    @Test
    void theBotIsProbedForReadinessAndScrapedBeforeAnyLoadIsSent() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            asked.add(exchange.getRequestURI().getPath());
            int status = exchange.getRequestURI().getPath().equals("/metrics") ? 200 : 503;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        try (HttpClient http = HttpClient.newHttpClient();
             OperatorProbes probes = OperatorProbes.start(http, server.getAddress().getPort())) {
            assertThat(asked).containsExactly("/health/ready", "/metrics");
            assertThat(probes.answered()).as("only the 200s count").isEqualTo(1);
            assertThat(probes.summary()).isEqualTo("1 operator probes answered (every 15 s)");
        } finally {
            server.stop(0);
        }
    }
}
