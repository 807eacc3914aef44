package io.mentorium.runner.bot;

import io.mentorium.application.config.Environment;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Where the HTTP server (webhooks, health, metrics) listens. Port 0 picks a free port, printed at start. */
record HttpSettings(String bind, int port) {

    static HttpSettings from(Environment env) {
        int port = env.integer("HTTP_PORT", 8080, 0, 65535);
        String bind = env.parsed("HTTP_BIND", "0.0.0.0", value -> {
            // Only literal addresses and names that resolve without the network are accepted.
            try {
                InetAddress.getByName(value);
                return value;
            } catch (UnknownHostException unknown) {
                throw new IllegalArgumentException("cannot be resolved");
            }
        }, "an address to bind such as 0.0.0.0 or 127.0.0.1");
        return new HttpSettings(bind, port);
    }
}
