package io.mentorium.adapters.telegram;

import java.util.regex.Pattern;

/**
 * Removes the bot token from text that may reach a log or a stored failure reason. The token is part of every request
 * URL ({@code /bot<token>/method}), and library or network exceptions may quote that URL.
 */
final class TokenScrubber {

    // Any token-shaped path segment, in case a text quotes a URL built with another token than ours.
    private static final Pattern ANY_TOKEN = Pattern.compile("bot\\d+(?::|%3A)[A-Za-z0-9_-]+",
            Pattern.CASE_INSENSITIVE);

    private final String token;
    private final String masked;

    TokenScrubber(String token) {
        this.token = token;
        this.masked = TelegramSettings.mask(token);
    }

    String scrub(String text) {
        if (text == null) {
            return "";
        }
        String clean = text.replace(token, masked).replace(token.replace(":", "%3A"), masked);
        return ANY_TOKEN.matcher(clean).replaceAll("bot***");
    }
}
