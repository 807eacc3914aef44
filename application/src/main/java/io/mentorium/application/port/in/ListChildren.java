package io.mentorium.application.port.in;

import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.parent.LearnerLink;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.List;
import java.util.Objects;

/** A parent looks at the children they linked. */
public interface ListChildren {

    /** The parent's children in the order they were linked; empty for an unknown parent. */
    List<Child> list(TelegramUserId parentId);

    /**
     * The children of a parent the caller has just read, by the links it holds: spares reading the parent again. The
     * default reads them afresh.
     */
    default List<Child> list(Parent parent) {
        return list(parent.id());
    }

    record Child(Learner learner, LearnerLink link) {

        public Child {
            Objects.requireNonNull(learner, "learner");
            Objects.requireNonNull(link, "link");
        }
    }
}
