package io.mentorium.adapters.openai.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One request and its response, whichever server carries them: the stand-in's logic is written once. */
interface StandInExchange extends AutoCloseable {

    String method();

    String path();

    Optional<String> header(String name);

    /** The names of the request's headers, lower-cased. */
    Set<String> headerNames();

    /** As the server names it: {@code HTTP/1.1}, {@code HTTP/2.0}. */
    String protocol();

    byte[] body() throws IOException;

    /** A whole response of a known length. */
    void respond(int status, Map<String, String> headers, byte[] body) throws IOException;

    /** Starts a 200 response of unknown length; each {@code flush} sends what was written. */
    OutputStream stream(Map<String, String> headers) throws IOException;

    /** Ends the response. */
    @Override
    void close() throws IOException;

    /** What answers an exchange. */
    @FunctionalInterface
    interface Handler {
        void handle(StandInExchange exchange) throws IOException;
    }
}
