package io.mentorium.application.service;

import io.mentorium.application.port.in.ViewParent;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.TelegramUserId;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/** The parent behind a chat, read with one query: the conversation asks it for every input. */
public final class ViewParentService implements ViewParent {

    private final ParentRepository parents;

    @Inject
    public ViewParentService(ParentRepository parents) {
        this.parents = Objects.requireNonNull(parents, "parents");
    }

    @Override
    public Optional<Parent> find(TelegramUserId parentId) {
        return parents.findById(Objects.requireNonNull(parentId, "parentId"));
    }

    @Override
    public void readAhead(Collection<TelegramUserId> parentIds) {
        parents.readAhead(parentIds);
    }
}
