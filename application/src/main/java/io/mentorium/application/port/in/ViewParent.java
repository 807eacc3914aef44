package io.mentorium.application.port.in;

import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.Collection;
import java.util.Optional;

/** Looks up the parent behind a chat: their language, children and settings. */
public interface ViewParent {

    Optional<Parent> find(TelegramUserId parentId);

    /** A hint: these parents are about to be {@link #find found} in the transaction under way. */
    default void readAhead(Collection<TelegramUserId> parentIds) {
    }
}
