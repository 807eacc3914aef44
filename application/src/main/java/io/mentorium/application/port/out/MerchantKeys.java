package io.mentorium.application.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * Keys a provider may change at run time (PayMe's {@code ChangePassword}): the stored key wins over the configured
 * one from the moment it is stored, for every process.
 */
public interface MerchantKeys {

    /** The key stored for this provider ({@code payme}), if it was ever changed. */
    Optional<String> current(String provider);

    void replace(String provider, String key, Instant at);
}
