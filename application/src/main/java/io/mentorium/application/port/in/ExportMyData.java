package io.mentorium.application.port.in;

import io.mentorium.domain.shared.TelegramUserId;
import java.util.Objects;

/** A parent's "My data": everything the bot keeps about them, as a file. */
public interface ExportMyData {

    Outcome export(TelegramUserId parent);

    sealed interface Outcome {

        record Ready(String fileName, byte[] content) implements Outcome {

            public Ready {
                Objects.requireNonNull(fileName, "fileName");
                Objects.requireNonNull(content, "content");
            }
        }

        /** More than a document the bot sends (a very long dialog history): support sends it another way. */
        record TooLarge() implements Outcome {
        }

        record NotRegistered() implements Outcome {
        }
    }
}
