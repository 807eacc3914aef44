package io.mentorium.adapters.payments.payme;

import java.util.Objects;

/**
 * What the HTTP server sends back to PayMe: always status 200 with a JSON-RPC body, errors included, because PayMe
 * reads the outcome from the body only.
 */
public record PaymeReply(int status, String body) {

    public static final String CONTENT_TYPE = "application/json; charset=utf-8";

    public PaymeReply {
        Objects.requireNonNull(body, "body");
    }

    static PaymeReply ok(String body) {
        return new PaymeReply(200, body);
    }
}
