package io.mentorium.runner.bot.http;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a route answers. The body is text (JSON, the Prometheus exposition), sent as UTF-8.
 *
 * @param headers extra response headers, such as {@code Allow} on a 405
 */
public record HttpReply(int status, String contentType, String body, Map<String, String> headers) {

    public static final String JSON = "application/json; charset=utf-8";

    public HttpReply {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    public HttpReply(int status, String contentType, String body) {
        this(status, contentType, body, Map.of());
    }

    /** A JSON reply; {@code json} must already be a serialised JSON document. */
    public static HttpReply json(int status, String json) {
        return new HttpReply(status, JSON, json);
    }

    /** {@code {"error":"<message>"}}: the shape of every error this server produces itself. */
    public static HttpReply error(int status, String message) {
        return json(status, "{\"error\":" + Json.string(message) + "}");
    }

    public HttpReply withHeader(String name, String value) {
        HashMap<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new HttpReply(status, contentType, body, more);
    }
}
