package io.mentorium.application.conversation;

import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.shared.Language;
import java.util.Optional;

/** How a child is named in messages: "<b>Aziz Karimov</b>, grade 7", the name and grade escaped. */
final class ChildText {

    /** Long enough for any real name; a platform glitch must not fill a message. */
    static final int MAX_NAME = 64;
    static final int MAX_GRADE = 16;
    /** Button labels stay short so that the buttons stay readable on a phone. */
    static final int MAX_BUTTON_NAME = 24;

    private ChildText() {
    }

    static Markup describe(Messages messages, Language language, Learner learner) {
        return describe(messages, language, learner.fullName(), learner.grade());
    }

    static Markup describe(Messages messages, Language language, String fullName, Optional<String> grade) {
        String name = Replies.shorten(fullName, MAX_NAME);
        return grade.map(value -> messages.markup(language, MessageKey.CHILD_WITH_GRADE, name,
                        Replies.shorten(value, MAX_GRADE)))
                .orElseGet(() -> messages.markup(language, MessageKey.CHILD_WITHOUT_GRADE, name));
    }
}
