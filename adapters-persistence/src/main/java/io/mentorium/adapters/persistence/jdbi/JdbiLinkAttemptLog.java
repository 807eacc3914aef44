package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.LinkAttemptLog;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.shared.EmailKey;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Link-code attempts in {@code bot.link_attempts}; only {@code REJECTED} ones count as failures. Attempts recorded before
 * e-mail keys existed have none and so count only for their account.
 */
public final class JdbiLinkAttemptLog implements LinkAttemptLog {

    /** Rows per statement when forgetting e-mail keys: short row locks however large the backlog. */
    static final int FORGET_CHUNK = 5_000;

    private final Jdbi jdbi;
    private final int forgetChunk;

    public JdbiLinkAttemptLog(Jdbi jdbi) {
        this(jdbi, FORGET_CHUNK);
    }

    JdbiLinkAttemptLog(Jdbi jdbi, int forgetChunk) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        if (forgetChunk < 1) {
            throw new IllegalArgumentException("chunk must be at least 1, got " + forgetChunk);
        }
        this.forgetChunk = forgetChunk;
    }

    @Override
    public void record(LinkAttempt attempt) {
        Storage.run("record a link attempt", () -> jdbi.useExtension(LinkAttemptDao.class,
                dao -> dao.insert(attempt.parentId().value(), attempt.emailKey().value(), attempt.outcome().name(),
                        attempt.learnerId().map(LearnerId::value).orElse(null), attempt.at())));
    }

    @Override
    public List<Instant> failuresSince(TelegramUserId parentId, Instant since) {
        return Storage.call("read failed link attempts", () -> jdbi.withExtension(LinkAttemptDao.class,
                dao -> dao.failuresSince(parentId.value(), since)));
    }

    @Override
    public List<Instant> failuresSince(EmailKey emailKey, Instant since) {
        return Storage.call("read failed link attempts", () -> jdbi.withExtension(LinkAttemptDao.class,
                dao -> dao.failuresForEmailSince(emailKey.value(), since)));
    }

    @Override
    public int forgetEmailKeysBefore(Instant before) {
        Objects.requireNonNull(before, "before");
        int total = 0;
        int forgotten;
        do {
            forgotten = Storage.call("forget e-mail keys of old link attempts", () -> jdbi.withExtension(
                    LinkAttemptDao.class, dao -> dao.forgetEmailKeysBefore(before, forgetChunk)));
            total += forgotten;
        } while (forgotten == forgetChunk);
        return total;
    }
}
