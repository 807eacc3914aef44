package io.mentorium.application.port.in;

import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.parent.LearnerLink;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.List;
import java.util.Objects;

/** A parent looks at the children they linked. */
public interface ListChildren {

    /** The parent's children in the order they were linked; empty for an unknown parent. */
    List<Child> list(TelegramUserId parentId);

    record Child(Learner learner, LearnerLink link) {

        public Child {
            Objects.requireNonNull(learner, "learner");
            Objects.requireNonNull(link, "link");
        }
    }
}
