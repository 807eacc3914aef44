package io.mentorium.adapters.openai.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mentorium.application.testing.RequestBodies;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;

/** Cleartext HTTP/1.1 on the JDK's own server: the stand-in as the tests have always used it. */
final class PlainHttpServer implements StandInServer {

    static {
        // The JDK's server closes a connection that goes idle while 200 others are idle (its default). A client that
        // pooled it then fails on reuse with "unexpected end of stream": in a benchmark with thousands of streams
        // that is the stand-in's fault, not the client's. Read once per JVM, when the first HttpServer is made.
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "100000");
        }
    }

    private final HttpServer server;

    PlainHttpServer(StandInExchange.Handler handler, Executor executor) throws IOException {
        // A deep accept backlog: a benchmark opens thousands of streams at once.
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        server.setExecutor(executor);
        server.createContext("/", exchange -> handler.handle(new JdkExchange(exchange)));
        server.start();
    }

    @Override
    public URI origin() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public int connectionsOpened() {
        throw new UnsupportedOperationException("the JDK's server does not count its connections");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private record JdkExchange(HttpExchange exchange) implements StandInExchange {

        @Override
        public String method() {
            return exchange.getRequestMethod();
        }

        @Override
        public String path() {
            return exchange.getRequestURI().getPath();
        }

        @Override
        public Optional<String> header(String name) {
            return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
        }

        @Override
        public Set<String> headerNames() {
            Set<String> names = new TreeSet<>();
            exchange.getRequestHeaders().keySet().forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
            return names;
        }

        @Override
        public String protocol() {
            return exchange.getProtocol();
        }

        @Override
        public byte[] body() throws IOException {
            return RequestBodies.read(exchange);
        }

        @Override
        public void respond(int status, Map<String, String> headers, byte[] body) throws IOException {
            headers.forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }

        @Override
        public OutputStream stream(Map<String, String> headers) throws IOException {
            headers.forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(200, 0);
            return exchange.getResponseBody();
        }

        @Override
        public void close() {
            exchange.close();
        }
    }
}
