package io.mentorium.runner.bot.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request as a mounted {@link HttpRoute} sees it: the body is read in full before the route runs (it is never
 * larger than {@link OperationsServer#MAX_REQUEST_BODY_BYTES}). A class rather than a record because it holds a byte
 * array, which a record would compare by identity and hand out for mutation.
 */
public final class HttpCall {

    private final String method;
    private final String path;
    private final String query;
    private final Map<String, List<String>> headers;
    private final String remoteAddress;
    private final byte[] body;

    public HttpCall(String method, String path, String query, Map<String, List<String>> headers,
                    String remoteAddress, byte[] body) {
        this.method = Objects.requireNonNull(method, "method");
        this.path = Objects.requireNonNull(path, "path");
        this.query = query == null ? "" : query;
        TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> byName.computeIfAbsent(name, any -> new ArrayList<>()).addAll(values));
        byName.replaceAll((name, values) -> List.copyOf(values));
        this.headers = Collections.unmodifiableMap(byName);
        this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress");
        this.body = body.clone();
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** The raw query string without the {@code ?}, empty when there is none. */
    public String query() {
        return query;
    }

    /** The first value of a header, its name compared without regard to case. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** The peer's IP address as seen on the socket (no proxy headers are trusted). */
    public String remoteAddress() {
        return remoteAddress;
    }

    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8, which is what every provider calling us sends. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        // Never the body or the headers: they carry payment data and credentials.
        return "HttpCall[" + method + " " + path + ", " + body.length + " bytes]";
    }
}
