package io.mentorium.adapters.persistence.embedded;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Entry point of the child JVMs that {@link EmbeddedPostgresTest} uses as "the other process". It reports on stdout
 * and stays until a line (or EOF) arrives on stdin.
 * <ul>
 *   <li>{@code start DIR}: startOrJoin, print {@code OWNER <port>} or {@code JOINER <port>}, close on request, print
 *   {@code CLOSED};</li>
 *   <li>{@code hold-lock DIR}: only take the directory's lock (an owner that hangs before its server is up), print
 *   {@code LOCKED}, release on request.</li>
 * </ul>
 */
final class EmbeddedPostgresChild {

    private EmbeddedPostgresChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        switch (args[0]) {
            case "start" -> {
                try (EmbeddedPostgres pg = EmbeddedPostgres.startOrJoin(dir)) {
                    report((pg.owner() ? "OWNER " : "JOINER ") + pg.port());
                    stdin.readLine();
                }
                report("CLOSED");
            }
            case "hold-lock" -> {
                try (FileChannel channel = FileChannel.open(dir.resolve(EmbeddedPostgres.LOCK_FILE),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    if (channel.tryLock() == null) {
                        throw new IllegalStateException("lock already held");
                    }
                    report("LOCKED");
                    stdin.readLine();
                }
                report("RELEASED");
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void report(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
