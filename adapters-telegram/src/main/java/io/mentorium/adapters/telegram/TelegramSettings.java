package io.mentorium.adapters.telegram;

import io.mentorium.application.config.Environment;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to reach the Bot API (contract §2).
 *
 * @param token absent in console mode; {@code run} requires it
 */
public record TelegramSettings(Optional<String> token, URI apiUrl, int maxSendsPerSecond) {

    public static final URI DEFAULT_API_URL = URI.create("https://api.telegram.org");
    // Telegram tokens are "<bot id>:<35 url-safe characters>"; checking the shape catches a pasted chat id or a quote.
    private static final Pattern TOKEN_SHAPE = Pattern.compile("\\d{3,20}:[A-Za-z0-9_-]{20,100}");

    public TelegramSettings {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(apiUrl, "apiUrl");
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
        return new TelegramSettings(token, apiUrl, rate);
    }


    /** The token as it may appear in logs: the bot id, never the key. */
    public static String mask(String token) {
        int colon = token.indexOf(':');
        return colon < 0 ? "***" : token.substring(0, colon) + ":***";
    }

    @Override
    public String toString() {
        return "TelegramSettings[token=" + token.map(TelegramSettings::mask).orElse("none") + ", apiUrl=" + apiUrl
                + ", maxSendsPerSecond=" + maxSendsPerSecond + "]";
    }
}
