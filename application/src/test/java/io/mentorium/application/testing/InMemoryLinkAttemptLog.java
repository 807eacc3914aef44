package io.mentorium.application.testing;

import io.mentorium.application.port.out.LinkAttemptLog;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

public final class InMemoryLinkAttemptLog implements LinkAttemptLog {

    private final List<LinkAttempt> attempts = new CopyOnWriteArrayList<>();

    @Override
    public void record(LinkAttempt attempt) {
        attempts.add(attempt);
    }

    @Override
    public List<Instant> failuresSince(TelegramUserId parentId, Instant since) {
        return attempts.stream()
                .filter(attempt -> attempt.parentId().equals(parentId))
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
