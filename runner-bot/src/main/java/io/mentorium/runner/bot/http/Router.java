package io.mentorium.runner.bot.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches by exact path, then method, to the mounted routes. It owns the rules every route gets for free: 404/405
 * as JSON, the request body cap (413 without reading past it) and a generic 500 for whatever a route throws.
 */
final class Router extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    /** path → method → route. */
    private final Map<String, Map<String, HttpRoute>> routes;
    /** The most of an over-long declared body read and discarded so that its sender gets the 413. */
    static final long DRAIN_LIMIT_BYTES = 1024 * 1024;

    private final int maxBodyBytes;

    Router(Map<String, Map<String, HttpRoute>> routes, int maxBodyBytes) {
        Map<String, Map<String, HttpRoute>> copy = new HashMap<>();
        routes.forEach((path, byMethod) -> copy.put(path, Map.copyOf(byMethod)));
        this.routes = Map.copyOf(copy);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        send(dispatch(request), response, callback);
        return true;
    }

    static void send(HttpReply reply, Response response, Callback callback) {
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        reply.headers().forEach(response.getHeaders()::put);
        response.write(true, ByteBuffer.wrap(reply.body().getBytes(StandardCharsets.UTF_8)), callback);
    }

    private HttpReply dispatch(Request request) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        Map<String, HttpRoute> byMethod = routes.get(path);
        if (byMethod == null) {
            return HttpReply.error(404, "not found");
        }
        HttpRoute route = byMethod.get(method);
        if (route == null) {
            return HttpReply.error(405, "method not allowed")
                    .withHeader(HttpHeader.ALLOW.asString(), String.join(", ", new TreeSet<>(byMethod.keySet())));
        }
        byte[] body;
        try {
            body = readBody(request);
        } catch (BodyTooLarge tooLarge) {
            return HttpReply.error(413, "request body larger than " + maxBodyBytes + " bytes");
        } catch (IOException unreadable) {
            LOG.debug("Could not read the request body for {} {}", method, path, unreadable);
            return HttpReply.error(400, "unreadable request body");
        }
        HttpCall call = new HttpCall(method, path, request.getHttpURI().getQuery(), headersOf(request),
                Request.getRemoteAddr(request), body);
        try {
            HttpReply reply = route.handle(call);
            if (reply == null) {
                throw new IllegalStateException("the route returned no reply");
            }
            return reply;
        } catch (Exception failure) {
            LOG.error("HTTP handler for {} {} failed", method, path, failure);
            return HttpReply.error(500, "internal error");
        }
    }

    /**
     * Keeps at most one byte past the cap: a declared length over the cap is refused without keeping anything, a
     * chunked body as soon as it passes the cap. Jetty then closes the connection rather than drain the rest.
     */
    private byte[] readBody(Request request) throws IOException, BodyTooLarge {
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        // Not closed: closing before the end would fail the request's content, and the reply is still to be sent.
        InputStream in = Content.Source.asInputStream(request);
        if (declared > maxBodyBytes) {
            // Most clients send the whole body before reading the answer (no Expect: 100-continue); answered early,
            // they would meet a reset connection instead of the 413. A body of modest size is read and thrown away
            // first, in a small buffer; a larger one is refused at once.
            if (declared <= DRAIN_LIMIT_BYTES) {
                discard(in, declared);
            }
            throw new BodyTooLarge();
        }
        byte[] body = in.readNBytes(maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            throw new BodyTooLarge();
        }
        return body;
    }

    /** Reads and drops up to {@code bytes}, stopping early when the sender stops. */
    private static void discard(InputStream in, long bytes) throws IOException {
        byte[] buffer = new byte[8192];
        long left = bytes;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                return;
            }
            left -= read;
        }
    }

    private static Map<String, List<String>> headersOf(Request request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), any -> new ArrayList<>()).add(field.getValue());
        }
        return headers;
    }

    private static final class BodyTooLarge extends Exception {
        BodyTooLarge() {
            super(null, null, false, false);
        }
    }
}
