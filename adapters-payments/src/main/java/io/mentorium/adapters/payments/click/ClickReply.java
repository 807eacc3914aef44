package io.mentorium.adapters.payments.click;

import java.util.Objects;

/**
 * What to answer Click: always HTTP 200 with this JSON body, whatever the error code inside says, because Click
 * reads the outcome from {@code error} and treats a non-200 as a network failure to retry.
 *
 * @param error the SHOP-API code in the body (0 success, -1 … -9), for logs and tests
 * @param json  the body, a JSON object
 */
public record ClickReply(int error, String json) {

    public static final int HTTP_STATUS = 200;
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";

    public ClickReply {
        Objects.requireNonNull(json, "json");
    }

    public int httpStatus() {
        return HTTP_STATUS;
    }
}
