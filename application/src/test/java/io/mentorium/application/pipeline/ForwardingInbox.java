package io.mentorium.application.pipeline;

import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.port.out.UpdateInbox;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** An inbox that passes everything on; tests override the one operation they make fail. */
class ForwardingInbox implements UpdateInbox {

    private final UpdateInbox delegate;

    ForwardingInbox(UpdateInbox delegate) {
        this.delegate = delegate;
    }

    @Override
    public Stored store(List<InboundUpdate> updates, Instant receivedAt) {
        return delegate.store(updates, receivedAt);
    }

    @Override
    public List<Pending> pending(long afterUpdateId, int limit) {
        return delegate.pending(afterUpdateId, limit);
    }

    @Override
    public boolean markDone(long updateId, Instant at) {
        return delegate.markDone(updateId, at);
    }

    @Override
    public void reopen(Collection<Long> updateIds) {
        delegate.reopen(updateIds);
    }

    @Override
    public boolean quarantine(DeadLetter letter) {
        return delegate.quarantine(letter);
    }

    @Override
    public int purgeHandledBefore(Instant before) {
        return delegate.purgeHandledBefore(before);
    }
}
