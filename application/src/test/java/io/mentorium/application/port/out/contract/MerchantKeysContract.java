package io.mentorium.application.port.out.contract;

import static io.mentorium.application.port.out.contract.ContractData.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.out.MerchantKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link MerchantKeys} must do. */
public abstract class MerchantKeysContract {

    protected MerchantKeys keys;

    protected abstract MerchantKeys emptyStore();

    @BeforeEach
    final void startEmpty() {
        keys = emptyStore();
    }

    @Test
    void a_key_never_changed_is_absent() {
        assertThat(keys.current("payme")).isEmpty();
    }

    @Test
    void the_latest_key_wins_per_provider() {
        keys.replace("payme", "first-key", minutes(1));
        keys.replace("payme", "second-key&#%", minutes(2));
        keys.replace("click", "other", minutes(3));

        assertThat(keys.current("payme")).contains("second-key&#%");
        assertThat(keys.current("click")).contains("other");
    }
}
