package io.mentorium.application.testing;

import io.mentorium.application.port.out.LinkAttemptLog;
import io.mentorium.domain.shared.EmailKey;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

public final class InMemoryLinkAttemptLog implements LinkAttemptLog {

    private final List<LinkAttempt> attempts = new CopyOnWriteArrayList<>();

    @Override
    public void record(LinkAttempt attempt) {
        attempts.add(attempt);
    }

    @Override
    public List<Instant> failuresSince(TelegramUserId parentId, Instant since) {
        return failures(attempt -> attempt.parentId().equals(parentId), since);
    }

    @Override
    public List<Instant> failuresSince(EmailKey emailKey, Instant since) {
        return failures(attempt -> attempt.emailKey().equals(emailKey), since);
    }

    private List<Instant> failures(Predicate<LinkAttempt> whose, Instant since) {
        return attempts.stream()
                .filter(whose)
                .filter(attempt -> attempt.outcome() == Outcome.REJECTED)
                .map(LinkAttempt::at)
                .filter(at -> at.isAfter(since))
                .sorted()
                .toList();
    }

    public List<LinkAttempt> all() {
        return List.copyOf(attempts);
    }
}
