package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.MerchantKeys;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Keys in {@code bot.merchant_keys}, one row per provider. Read on every call rather than cached: a key changed by one
 * process must be the only one accepted by every process from then on.
 */
public final class JdbiMerchantKeys implements MerchantKeys {

    private final Jdbi jdbi;

    public JdbiMerchantKeys(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Optional<String> current(String provider) {
        Objects.requireNonNull(provider, "provider");
        return Storage.call("load a merchant key", () -> jdbi.withHandle(handle -> handle
                .createQuery("SELECT key FROM bot.merchant_keys WHERE provider = :provider")
                .bind("provider", provider)
                .mapTo(String.class)
                .findOne()));
    }

    @Override
    public void replace(String provider, String key, Instant at) {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(at, "at");
        Storage.run("replace a merchant key", () -> jdbi.useHandle(handle -> handle
                .createUpdate("""
                        INSERT INTO bot.merchant_keys (provider, key, changed_at) VALUES (:provider, :key, :at)
                        ON CONFLICT (provider) DO UPDATE SET key = EXCLUDED.key, changed_at = EXCLUDED.changed_at
                        """)
                .bind("provider", provider)
                .bind("key", key)
                .bind("at", at)
                .execute()));
    }
}
