package io.mentorium.application.testing;

import io.mentorium.application.port.out.LinkAttemptLog;
import io.mentorium.domain.shared.EmailKey;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

public final class InMemoryLinkAttemptLog implements LinkAttemptLog {

    private final List<LinkAttempt> attempts = new CopyOnWriteArrayList<>();
    // By identity: two equal attempts (same parent, e-mail, outcome and instant) are still two attempts.
    private final Set<LinkAttempt> forgotten = Collections.newSetFromMap(new IdentityHashMap<>());

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
        return failures(attempt -> attempt.emailKey().equals(emailKey) && !forgotten.contains(attempt), since);
    }

    @Override
    public synchronized int forgetEmailKeysBefore(Instant before) {
        List<LinkAttempt> old = attempts.stream()
                .filter(attempt -> attempt.at().isBefore(before) && !forgotten.contains(attempt))
                .toList();
        forgotten.addAll(old);
        return old.size();
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
