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

    private final Jdbi jdbi;
    private final int forgetChunk;

    public JdbiLinkAttemptLog(Jdbi jdbi) {
        this(jdbi, Storage.RETENTION_CHUNK);
    }

    JdbiLinkAttemptLog(Jdbi jdbi, int forgetChunk) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.forgetChunk = Storage.chunk(forgetChunk);
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
        return Storage.inChunks("forget e-mail keys of old link attempts", forgetChunk, () -> jdbi.withExtension(
                LinkAttemptDao.class, dao -> dao.forgetEmailKeysBefore(before, forgetChunk)));
    }
}
