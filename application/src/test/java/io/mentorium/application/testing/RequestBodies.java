package io.mentorium.application.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;

/** How the HTTP stand-ins (the Bot API's, the model's) read a request's body. */
public final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * The whole body, read into an array of its declared length when it has one ({@code declaredLength} &lt; 0 when it
     * has none): {@code readAllBytes} starts with a 16 KB buffer and copies out of it, which for a load of small calls
     * was a tenth of a benchmark harness's garbage (and its collections pause every reply the harness has yet to
     * receive).
     *
     * @throws IOException when the body ends before its declared length
     */
    public static byte[] read(InputStream body, long declaredLength) throws IOException {
        if (declaredLength < 0 || declaredLength > Integer.MAX_VALUE) {
            return body.readAllBytes();
        }
        byte[] read = body.readNBytes((int) declaredLength);
        if (read.length < declaredLength) {
            throw new IOException("the body ended after " + read.length + " of " + declaredLength + " bytes");
        }
        return read;
    }

    /** The body of a request to a JDK HTTP server, as {@link #read(InputStream, long)} reads it. */
    public static byte[] read(HttpExchange exchange) throws IOException {
        return read(exchange.getRequestBody(), declaredLength(exchange.getRequestHeaders().getFirst("Content-Length")));
    }

    /** A {@code Content-Length} header's value as {@link #read(InputStream, long)} takes it: -1 when absent. */
    public static long declaredLength(String contentLength) {
        return contentLength == null ? -1 : Long.parseLong(contentLength.strip());
    }
}
