package io.mentorium.application.testing;

import io.mentorium.application.port.out.MerchantKeys;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryMerchantKeys implements MerchantKeys {

    private final Map<String, String> keys = new ConcurrentHashMap<>();

    @Override
    public Optional<String> current(String provider) {
        return Optional.ofNullable(keys.get(Objects.requireNonNull(provider, "provider")));
    }

    @Override
    public void replace(String provider, String key, Instant at) {
        Objects.requireNonNull(at, "at");
        String previous = keys.put(Objects.requireNonNull(provider, "provider"), Objects.requireNonNull(key, "key"));
        FakeTransaction.onRollback(() -> {
            if (previous == null) {
                keys.remove(provider);
            } else {
                keys.put(provider, previous);
            }
        });
    }
}
