package io.mentorium.adapters.payments;

import io.mentorium.application.config.Environment;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which payment providers are enabled (contract §2). A provider is enabled only when all of its credentials are set;
 * some but not all of them is a mistake worth stopping for, not a silently disabled provider.
 */
public record PaymentSettings(boolean starsEnabled, Optional<Payme> payme, Optional<Click> click) {

    public PaymentSettings {
        Objects.requireNonNull(payme, "payme");
        Objects.requireNonNull(click, "click");
    }

    public record Payme(String merchantId, String key) {

        @Override
        public String toString() {
            return "Payme[merchantId=" + merchantId + ", key=***]";
        }
    }

    public record Click(String serviceId, String merchantId, String secretKey) {

        @Override
        public String toString() {
            return "Click[serviceId=" + serviceId + ", merchantId=" + merchantId + ", secretKey=***]";
        }
    }

    public static PaymentSettings from(Environment env) {
        boolean stars = env.bool("STARS_ENABLED", true);
        Optional<Payme> payme = allOrNone(env, List.of("PAYME_MERCHANT_ID", "PAYME_KEY"), "PayMe")
                .map(values -> new Payme(values.get(0), values.get(1)));
        Optional<Click> click = allOrNone(env, List.of("CLICK_SERVICE_ID", "CLICK_MERCHANT_ID", "CLICK_SECRET_KEY"), "Click")
                .map(values -> new Click(values.get(0), values.get(1), values.get(2)));
        click.ifPresent(c -> {
            if (!c.serviceId().matches("\\d{1,18}")) {
                env.problem("CLICK_SERVICE_ID", "must be the numeric service id Click issued");
            }
            if (!c.merchantId().matches("\\d{1,18}")) {
                env.problem("CLICK_MERCHANT_ID", "must be the numeric merchant id Click issued");
            }
        });
        return new PaymentSettings(stars, payme, click);
    }

    private static Optional<List<String>> allOrNone(Environment env, List<String> names, String provider) {
        List<Optional<String>> values = names.stream().map(env::secret).toList();
        long set = values.stream().filter(Optional::isPresent).count();
        if (set == 0) {
            return Optional.empty();
        }
        if (set < names.size()) {
            for (int i = 0; i < names.size(); i++) {
                if (values.get(i).isEmpty()) {
                    env.problem(names.get(i), "is not set, but other " + provider + " variables are: set all of "
                            + String.join(", ", names) + " to enable " + provider + ", or none to disable it");
                }
            }
            return Optional.empty();
        }
        return Optional.of(values.stream().map(Optional::get).toList());
    }

    public boolean anyEnabled() {
        return starsEnabled || payme.isPresent() || click.isPresent();
    }
}
