package io.mentorium.application.port.in;

import io.mentorium.domain.shared.Language;
import java.util.List;
import java.util.Objects;

/** The commands the bot lists in a chat's menu, described in each language. */
public interface BotCommands {

    List<Description> describe(Language language);

    /** @param command without the slash, lower-case */
    record Description(String command, String description) {

        public Description {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(description, "description");
        }
    }
}
