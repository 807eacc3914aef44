package io.mentorium.application.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How long the bot keeps what it only needed for a moment: handled updates (which hold what parents typed) and sent
 * messages. Expired conversation states need no setting: they are gone once they expire.
 *
 * @param inboxWindow  handled updates older than this are purged ({@code RETENTION_INBOX_HOURS}, 1–720, default 24:
 *                     Telegram redelivers an unconfirmed update for at most a day)
 * @param outboxWindow sent and given-up messages older than this are purged ({@code RETENTION_OUTBOX_DAYS}, 1–90,
 *                     default 7: long enough to answer "did the bot send it?")
 */
public record RetentionSettings(Duration inboxWindow, Duration outboxWindow) {

    public static final RetentionSettings DEFAULT = new RetentionSettings(Duration.ofHours(24), Duration.ofDays(7));

    public RetentionSettings {
        Objects.requireNonNull(inboxWindow, "inboxWindow");
        Objects.requireNonNull(outboxWindow, "outboxWindow");
        for (Duration window : List.of(inboxWindow, outboxWindow)) {
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("retention windows must be positive");
            }
        }
    }

    public static RetentionSettings from(Environment env) {
        int inboxHours = env.integer("RETENTION_INBOX_HOURS", 24, 1, 720);
        int outboxDays = env.integer("RETENTION_OUTBOX_DAYS", 7, 1, 90);
        return new RetentionSettings(Duration.ofHours(inboxHours), Duration.ofDays(outboxDays));
    }
}
