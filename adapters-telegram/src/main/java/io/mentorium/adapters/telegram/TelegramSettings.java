package io.mentorium.adapters.telegram;

import io.mentorium.application.config.Environment;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.telegram.telegrambots.meta.TelegramUrl;

/**
 * How to reach the Bot API (contract §2).
 *
 * @param token           absent in console mode; {@code run} requires it
 * @param longPollTimeout how long one {@code getUpdates} waits for updates; not configurable from the environment
 *                        (tests shorten it with {@link #withLongPollTimeout})
 * @param paidBroadcast   {@code TELEGRAM_PAID_BROADCAST}: scheduled messages carry {@code allow_paid_broadcast}, so
 *                        that a rate above Telegram's free 30/s is accepted (and charged in Stars)
 */
public record TelegramSettings(Optional<String> token, URI apiUrl, int maxSendsPerSecond, Duration longPollTimeout,
                               boolean paidBroadcast) {

    public static final URI DEFAULT_API_URL = URI.create("https://api.telegram.org");
    /** Telegram holds a long poll open for at most 50 s; shorter only costs requests. */
    public static final Duration DEFAULT_LONG_POLL_TIMEOUT = Duration.ofSeconds(50);
    // Telegram tokens are "<bot id>:<35 url-safe characters>"; checking the shape catches a pasted chat id or a quote.
    private static final Pattern TOKEN_SHAPE = Pattern.compile("\\d{3,20}:[A-Za-z0-9_-]{20,100}");

    public TelegramSettings {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(longPollTimeout, "longPollTimeout");
        if (longPollTimeout.isNegative() || longPollTimeout.toSeconds() > 100) {
            throw new IllegalArgumentException("long-poll timeout must be 0-100 s, was " + longPollTimeout);
        }
    }

    public TelegramSettings(Optional<String> token, URI apiUrl, int maxSendsPerSecond, Duration longPollTimeout) {
        this(token, apiUrl, maxSendsPerSecond, longPollTimeout, false);
    }

    public TelegramSettings(Optional<String> token, URI apiUrl, int maxSendsPerSecond) {
        this(token, apiUrl, maxSendsPerSecond, DEFAULT_LONG_POLL_TIMEOUT);
    }

    /** Whole seconds only: the Bot API takes the timeout in seconds. */
    public TelegramSettings withLongPollTimeout(Duration timeout) {
        return new TelegramSettings(token, apiUrl, maxSendsPerSecond, timeout, paidBroadcast);
    }

    public TelegramSettings withPaidBroadcast(boolean paid) {
        return new TelegramSettings(token, apiUrl, maxSendsPerSecond, longPollTimeout, paid);
    }

    /**
     * @param tokenRequired true for {@code run}: a missing token is then a problem, not a default
     */
    public static TelegramSettings from(Environment env, boolean tokenRequired) {
        Optional<String> token = tokenRequired
                ? env.required("TELEGRAM_BOT_TOKEN", "to talk to Telegram (get one from @BotFather)")
                : env.secret("TELEGRAM_BOT_TOKEN");
        if (token.isPresent() && !TOKEN_SHAPE.matcher(token.get()).matches()) {
            env.problem("TELEGRAM_BOT_TOKEN", "does not look like a bot token (expected <digits>:<key> as issued by @BotFather)");
        }
        URI apiUrl = env.httpUrl("TELEGRAM_API_URL", DEFAULT_API_URL, DEFAULT_API_URL.toString());
        int rate = env.integer("TELEGRAM_MAX_SENDS_PER_SECOND", 25, 1, 1000);
        boolean paidBroadcast = env.bool("TELEGRAM_PAID_BROADCAST", false);
        return new TelegramSettings(token, apiUrl, rate, DEFAULT_LONG_POLL_TIMEOUT, paidBroadcast);
    }

    /**
     * The API URL in the client library's terms. The library builds request URLs from scheme, host and port only, so
     * a URL with a path is refused rather than silently shortened.
     */
    public TelegramUrl telegramUrl() {
        String path = apiUrl.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new IllegalArgumentException("TELEGRAM_API_URL must not have a path (" + path + "): the Telegram client"
                    + " library only takes a scheme, host and port");
        }
        String scheme = apiUrl.getScheme().toLowerCase(Locale.ROOT);
        int port = apiUrl.getPort() >= 0 ? apiUrl.getPort() : scheme.equals("https") ? 443 : 80;
        return TelegramUrl.builder().schema(scheme).host(apiUrl.getHost()).port(port).testServer(false).build();
    }

    /** The token as it may appear in logs: the bot id, never the key. */
    public static String mask(String token) {
        int colon = token.indexOf(':');
        return colon < 0 ? "***" : token.substring(0, colon) + ":***";
    }

    @Override
    public String toString() {
        return "TelegramSettings[token=" + token.map(TelegramSettings::mask).orElse("none") + ", apiUrl=" + apiUrl
                + ", maxSendsPerSecond=" + maxSendsPerSecond + ", longPollTimeout=" + longPollTimeout + ", paidBroadcast="
                + paidBroadcast + "]";
    }
}
