package io.mentorium.adapters.openai.testing;

import io.mentorium.application.testing.RequestBodies;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.WindowRateControl;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * TLS with HTTP/2 and HTTP/1.1 offered by ALPN, HTTP/2 preferred: how api.openai.com is reached. A client that
 * speaks HTTP/2 (OkHttp does, by default) multiplexes its calls over a few connections instead of one connection per
 * call in flight; a benchmark on the cleartext HTTP/1.1 server measures a client the operators never run.
 */
final class TlsHttp2Server implements StandInServer {

    /** Jetty's default: a client opens another connection past it. */
    static final int MAX_CONCURRENT_STREAMS = 128;
    private static final int REFUSALS_PER_SECOND = 1_000_000;

    private final Server server;
    private final ServerConnector connector;
    private final AtomicInteger connections = new AtomicInteger();

    TlsHttp2Server(StandInExchange.Handler handler, Executor executor) throws IOException {
        StandInCertificate certificate = StandInCertificate.get();
        server = new Server();
        HttpConfiguration config = new HttpConfiguration();
        // The certificate names 127.0.0.1, which a client sends no SNI for.
        config.addCustomizer(new SecureRequestCustomizer(false));
        HttpConnectionFactory http1 = new HttpConnectionFactory(config);
        HTTP2ServerConnectionFactory http2 = new HTTP2ServerConnectionFactory(config);
        http2.setMaxConcurrentStreams(MAX_CONCURRENT_STREAMS);
        // Jetty's defence against reset floods (CVE-2023-44487) allows 128 suspicious events a second per connection
        // and counts the streams it refuses: a client's burst past MAX_CONCURRENT_STREAMS before the server's
        // settings arrive (OkHttp 4 makes one) then closes the connection under the streams it had accepted. The
        // client retries refusals (ModelFailure.refused); whether api.openai.com closes connections the same way is
        // not known, so the stand-in only refuses.
        http2.setRateControlFactory(new WindowRateControl.Factory(REFUSALS_PER_SECOND));
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory(http2.getProtocol(), http1.getProtocol());
        alpn.setDefaultProtocol(http1.getProtocol());
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(certificate.keyStore());
        tls.setKeyStorePassword(StandInCertificate.PASSWORD);
        tls.setCipherComparator(HTTP2Cipher.COMPARATOR);
        connector = new ServerConnector(server, new SslConnectionFactory(tls, alpn.getProtocol()), alpn, http2, http1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        // A deep accept backlog, as the plain server's.
        connector.setAcceptQueueSize(4096);
        connector.addEventListener(new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
                if (connection instanceof SslConnection) {
                    connections.incrementAndGet();
                }
            }
        });
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                // The stand-in blocks (it paces its streams with sleeps): on a virtual thread of its own, not Jetty's.
                executor.execute(() -> {
                    try (JettyExchange exchange = new JettyExchange(request, response)) {
                        handler.handle(exchange);
                    } catch (IOException | RuntimeException e) {
                        callback.failed(e);
                        return;
                    }
                    callback.succeeded();
                });
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            throw new IOException("could not start the TLS stand-in", e);
        }
    }

    @Override
    public URI origin() {
        return URI.create("https://127.0.0.1:" + connector.getLocalPort());
    }

    @Override
    public int connectionsOpened() {
        return connections.get();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the TLS stand-in", e);
        }
    }

    private static final class JettyExchange implements StandInExchange {

        private final Request request;
        private final Response response;
        private OutputStream out;

        JettyExchange(Request request, Response response) {
            this.request = request;
            this.response = response;
        }

        @Override
        public String method() {
            return request.getMethod();
        }

        @Override
        public String path() {
            return request.getHttpURI().getPath();
        }

        @Override
        public Optional<String> header(String name) {
            return Optional.ofNullable(request.getHeaders().get(name));
        }

        @Override
        public Set<String> headerNames() {
            Set<String> names = new TreeSet<>();
            request.getHeaders().getFieldNamesCollection()
                    .forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
            return names;
        }

        @Override
        public String protocol() {
            return request.getConnectionMetaData().getProtocol();
        }

        @Override
        public byte[] body() throws IOException {
            return RequestBodies.read(Content.Source.asInputStream(request), request.getLength());
        }

        @Override
        public void respond(int status, Map<String, String> headers, byte[] body) throws IOException {
            response.setStatus(status);
            headers.forEach(response.getHeaders()::put);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            out = Content.Sink.asOutputStream(response);
            out.write(body);
        }

        @Override
        public OutputStream stream(Map<String, String> headers) {
            response.setStatus(200);
            headers.forEach(response.getHeaders()::put);
            out = Content.Sink.asOutputStream(response);
            return out;
        }

        @Override
        public void close() throws IOException {
            if (out != null) {
                out.close();
            }
        }
    }
}
