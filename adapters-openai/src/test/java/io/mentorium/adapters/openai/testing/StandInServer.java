package io.mentorium.adapters.openai.testing;

import java.net.URI;

/** The HTTP server under a stand-in. */
interface StandInServer extends AutoCloseable {

    /** {@code scheme://127.0.0.1:port}, without a path. */
    URI origin();

    /** Connections accepted since the start (TCP connections, whatever runs over them). */
    int connectionsOpened();

    @Override
    void close();
}
