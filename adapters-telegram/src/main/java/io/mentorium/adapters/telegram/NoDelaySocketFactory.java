package io.mentorium.adapters.telegram;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain sockets with Nagle's algorithm off, for the Bot API connection.
 *
 * <p>OkHttp writes a request larger than one buffer segment (a {@code sendPhoto} body: ~12 KB) in more than one
 * write. With Nagle on, the last write waits until the first is acknowledged, and a server that delays its ACKs (Linux
 * does, up to 40 ms) makes every such call wait for that timer: photos went out at about 20 a second per connection
 * instead of hundreds (docs/PERFORMANCE.md). The requests are already buffered, so nothing is gained by coalescing.
 * TLS, when used, is layered on these sockets, so the option holds for {@code https} too.
 */
final class NoDelaySocketFactory extends SocketFactory {

    static final NoDelaySocketFactory INSTANCE = new NoDelaySocketFactory();

    private NoDelaySocketFactory() {
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return noDelay(new Socket(address, port, localAddress, localPort));
    }

    private static Socket noDelay(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }
}
