package io.mentorium.application.pipeline;

import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.domain.shared.ChatId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** An outbox that passes every call on; a test overrides the calls it wants to fail, watch or hide. */
class ForwardingOutbox implements Outbox {

    protected final Outbox delegate;

    ForwardingOutbox(Outbox delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<QueuedMessage> enqueue(List<Outgoing> messages, Instant now) {
        return delegate.enqueue(messages, now);
    }

    @Override
    public List<QueuedMessage> enqueue(List<Outgoing> messages, Instant now, Instant notBefore) {
        return delegate.enqueue(messages, now, notBefore);
    }

    @Override
    public List<QueuedMessage> enqueueReplies(long updateId, List<Outgoing> messages, Instant now) {
        return delegate.enqueueReplies(updateId, messages, now);
    }

    @Override
    public List<QueuedMessage> pendingReplies(long updateId) {
        return delegate.pendingReplies(updateId);
    }

    @Override
    public List<QueuedMessage> pending(long afterId, int limit) {
        return delegate.pending(afterId, limit);
    }

    @Override
    public void markSent(long id, Instant at) {
        delegate.markSent(id, at);
    }

    @Override
    public int markSent(Collection<Long> ids, Instant at) {
        return delegate.markSent(ids, at);
    }

    @Override
    public void recordRetry(long id, int attempts, Instant notBefore, String reason) {
        delegate.recordRetry(id, attempts, notBefore, reason);
    }

    @Override
    public void markGivenUp(long id, Instant at, String reason) {
        delegate.markGivenUp(id, at, reason);
    }

    @Override
    public int giveUpChat(ChatId chatId, Instant at, String reason) {
        return delegate.giveUpChat(chatId, at, reason);
    }

    @Override
    public int purgeHandledBefore(Instant before) {
        return delegate.purgeHandledBefore(before);
    }

    @Override
    public List<QueuedMessage> claim(String owner, long afterId, int limit, Instant now, Instant dueBy,
                                     Instant leaseUntil, boolean includeOwn) {
        return delegate.claim(owner, afterId, limit, now, dueBy, leaseUntil, includeOwn);
    }

    @Override
    public int renewClaims(String owner, Instant leaseUntil) {
        return delegate.renewClaims(owner, leaseUntil);
    }

    @Override
    public int releaseClaims(String owner, Collection<Long> ids) {
        return delegate.releaseClaims(owner, ids);
    }

    @Override
    public int releaseClaims(String owner) {
        return delegate.releaseClaims(owner);
    }

    @Override
    public long countPendingDue(Instant dueBy) {
        return delegate.countPendingDue(dueBy);
    }
}
