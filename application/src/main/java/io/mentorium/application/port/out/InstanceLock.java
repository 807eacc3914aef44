package io.mentorium.application.port.out;

import java.util.Optional;

/** Makes sure only one process does something at a time (only one may long-poll Telegram per token). */
public interface InstanceLock {

    /** @return the held lock, or empty when another process holds it */
    Optional<Held> tryAcquire(String name);

    /** Released by {@link #close()} or when the process dies. */
    interface Held extends AutoCloseable {

        /** False once the lock was lost (its database connection broke). */
        boolean stillHeld();

        @Override
        void close();
    }
}
