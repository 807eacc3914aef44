package io.mentorium.application.testing;

import io.mentorium.application.port.out.InstanceLock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** Locks within one JVM. */
public final class InMemoryInstanceLock implements InstanceLock {

    private final Set<String> held = ConcurrentHashMap.newKeySet();

    @Override
    public Optional<Held> tryAcquire(String name) {
        if (!held.add(name)) {
            return Optional.empty();
        }
        AtomicBoolean open = new AtomicBoolean(true);
        return Optional.of(new Held() {
            @Override
            public boolean stillHeld() {
                return open.get();
            }

            @Override
            public void close() {
                if (open.compareAndSet(true, false)) {
                    held.remove(name);
                }
            }
        });
    }
}
