package io.mentorium.application.config;

import io.mentorium.domain.payment.Currency;
import io.mentorium.domain.payment.Money;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.Plan;
import io.mentorium.domain.subscription.SubscriptionTerms;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The settings the core itself depends on (contract §2): time zone, language, grace period, admins and plan prices.
 */
public record CoreSettings(ZoneId botTimeZone, Language defaultLanguage, int gracePeriodDays,
                           Set<TelegramUserId> adminIds, Map<Plan, Money> pricesUzs, Map<Plan, Money> pricesStars) {

    public static final String DEFAULT_PRICES_UZS = "month=99000,quarter=249000,year=899000";
    public static final String DEFAULT_PRICES_STARS = "month=250,quarter=600,year=2000";

    public CoreSettings {
        Objects.requireNonNull(botTimeZone, "botTimeZone");
        Objects.requireNonNull(defaultLanguage, "defaultLanguage");
        adminIds = Set.copyOf(adminIds);
        pricesUzs = Map.copyOf(pricesUzs);
        pricesStars = Map.copyOf(pricesStars);
    }

    public static CoreSettings from(Environment env) {
        ZoneId zone = env.parsed("BOT_TIMEZONE", ZoneId.of("Asia/Tashkent"), ZoneId::of,
                "an IANA time zone such as Asia/Tashkent");
        Language language = env.parsed("DEFAULT_LOCALE", Language.RU,
                value -> Language.fromCode(value).filter(l -> l.code().equals(value.toLowerCase(Locale.ROOT)))
                        .orElseThrow(() -> new IllegalArgumentException("unsupported language")),
                "one of ru, uz, en");
        int grace = env.integer("GRACE_PERIOD_DAYS", 3, 0, 60);
        Set<TelegramUserId> admins = env.parsed("ADMIN_TELEGRAM_IDS", Set.of(), CoreSettings::parseAdmins,
                "a comma-separated list of positive Telegram user ids");
        Map<Plan, Money> uzs = env.parsed("PLAN_PRICES_UZS", parsePrices(DEFAULT_PRICES_UZS, Currency.UZS),
                value -> parsePrices(value, Currency.UZS), "month=N,quarter=N,year=N with whole sums");
        Map<Plan, Money> stars = env.parsed("PLAN_PRICES_STARS", parsePrices(DEFAULT_PRICES_STARS, Currency.XTR),
                value -> parsePrices(value, Currency.XTR), "month=N,quarter=N,year=N with whole Stars");
        return new CoreSettings(zone, language, grace, admins, uzs, stars);
    }

    public SubscriptionTerms subscriptionTerms() {
        return SubscriptionTerms.ofGraceDays(gracePeriodDays, botTimeZone);
    }

    static Set<TelegramUserId> parseAdmins(String value) {
        Set<TelegramUserId> ids = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                ids.add(new TelegramUserId(Long.parseLong(part.strip())));
            }
        }
        return ids;
    }

    /** {@code month=99000,quarter=249000,year=899000}: every plan exactly once, each price positive. */
    static Map<Plan, Money> parsePrices(String value, Currency currency) {
        Map<Plan, Money> prices = new EnumMap<>(Plan.class);
        for (String part : value.split(",")) {
            String[] pair = part.split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not plan=price");
            }
            Plan plan = Plan.fromName(pair[0]).orElseThrow(() -> new IllegalArgumentException("unknown plan '" + pair[0].strip() + "'"));
            long major = Long.parseLong(pair[1].strip());
            if (major <= 0) {
                throw new IllegalArgumentException("price of " + plan + " must be positive");
            }
            if (prices.put(plan, Money.ofMajor(major, currency)) != null) {
                throw new IllegalArgumentException(plan + " given twice");
            }
        }
        if (prices.size() != Plan.values().length) {
            throw new IllegalArgumentException("every plan needs a price (month, quarter, year)");
        }
        return prices;
    }
}
