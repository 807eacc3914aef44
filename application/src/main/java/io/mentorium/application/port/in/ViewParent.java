package io.mentorium.application.port.in;

import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.Optional;

/** Looks up the parent behind a chat: their language, children and settings. */
public interface ViewParent {

    Optional<Parent> find(TelegramUserId parentId);
}
