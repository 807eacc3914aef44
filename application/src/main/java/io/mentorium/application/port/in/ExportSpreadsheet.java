package io.mentorium.application.port.in;

import io.mentorium.application.port.out.OperatorQueries.ExportKind;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.shared.TimeWindow;
import java.util.Objects;

/** An admin's {@code /export subscriptions|payments|events [30d]}: a spreadsheet to download. */
public interface ExportSpreadsheet {

    /** The most rows one export holds; the rest is left out and said so. */
    int MAX_ROWS = 100_000;

    Outcome export(TelegramUserId actor, String what, String period);

    sealed interface Outcome {

        /** @param truncated more rows matched than {@link #MAX_ROWS} */
        record Ready(ExportKind kind, TimeWindow period, String fileName, byte[] content, int rows,
                     boolean truncated) implements Outcome {

            public Ready {
                Objects.requireNonNull(kind, "kind");
                Objects.requireNonNull(period, "period");
                Objects.requireNonNull(fileName, "fileName");
                Objects.requireNonNull(content, "content");
            }
        }

        /** Not one of the kinds, or a period not understood. */
        record Usage() implements Outcome {
        }

        /** The file came out larger than a document the bot sends: a shorter period is needed. */
        record TooLarge(int bytes) implements Outcome {
        }

        record NotAllowed() implements Outcome {
        }
    }
}
