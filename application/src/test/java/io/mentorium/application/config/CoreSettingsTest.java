package io.mentorium.application.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.domain.payment.Money;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.Plan;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoreSettingsTest {

    @Test
    void anEmptyEnvironmentGivesTheContractDefaults() {
        Environment env = new Environment(Map.of());

        CoreSettings settings = CoreSettings.from(env);

        assertThat(env.problems()).isEmpty();
        assertThat(settings.botTimeZone()).isEqualTo(ZoneId.of("Asia/Tashkent"));
        assertThat(settings.defaultLanguage()).isEqualTo(Language.RU);
        assertThat(settings.gracePeriodDays()).isEqualTo(3);
        assertThat(settings.adminIds()).isEmpty();
        assertThat(settings.pricesUzs()).containsEntry(Plan.MONTH, Money.uzs(99_000)).containsEntry(Plan.YEAR, Money.uzs(899_000));
        assertThat(settings.pricesStars()).containsEntry(Plan.QUARTER, Money.stars(600));
    }

    @Test
    void everyWrongVariableIsReportedAtOnceWithItsName() {
        Environment env = new Environment(Map.of("BOT_TIMEZONE", "Asia/Nowhere", "DEFAULT_LOCALE", "ru-RU",
                "GRACE_PERIOD_DAYS", "three", "ADMIN_TELEGRAM_IDS", "1,x", "PLAN_PRICES_STARS", "month=1,week=2"));

        CoreSettings.from(env);

        assertThat(env.problems()).extracting(ConfigProblem::variable).containsExactlyInAnyOrder("BOT_TIMEZONE",
                "DEFAULT_LOCALE", "GRACE_PERIOD_DAYS", "ADMIN_TELEGRAM_IDS", "PLAN_PRICES_STARS");
        assertThatThrownBy(env::throwIfInvalid).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("GRACE_PERIOD_DAYS: must be a whole number");
    }

    @Test
    void adminIdsAndPricesAreParsedLeniently() {
        Environment env = new Environment(Map.of("ADMIN_TELEGRAM_IDS", " 7, 8 ,,", "PLAN_PRICES_UZS",
                "year=1000, month=10 ,quarter=30", "DEFAULT_LOCALE", "EN"));

        CoreSettings settings = CoreSettings.from(env);

        assertThat(env.problems()).isEmpty();
        assertThat(settings.adminIds()).containsExactlyInAnyOrder(new TelegramUserId(7), new TelegramUserId(8));
        assertThat(settings.pricesUzs().get(Plan.MONTH).minor()).as("in tiyin").isEqualTo(1_000);
        assertThat(settings.defaultLanguage()).isEqualTo(Language.EN);
    }

    @Test
    void aPlanWithoutAPriceIsRejected() {
        Environment env = new Environment(Map.of("PLAN_PRICES_UZS", "month=1,quarter=2"));

        CoreSettings.from(env);

        assertThat(env.problems()).singleElement().satisfies(problem ->
                assertThat(problem.message()).contains("every plan needs a price"));
    }

    @Test
    void blankValuesCountAsUnsetAndSecretsAreNeverQuoted() {
        Environment env = new Environment(Map.of("GRACE_PERIOD_DAYS", "   "));

        assertThat(CoreSettings.from(env).gracePeriodDays()).isEqualTo(3);
        env.required("SOME_TOKEN", "to do a thing");
        assertThat(env.problems()).singleElement().hasToString("SOME_TOKEN: is required to do a thing but is not set");
    }
}
