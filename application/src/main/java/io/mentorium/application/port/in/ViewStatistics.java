package io.mentorium.application.port.in;

import io.mentorium.application.port.out.OperatorQueries;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.shared.TimeWindow;
import java.util.Objects;

/** An operator's {@code /stats}. */
public interface ViewStatistics {

    /**
     * @param period {@code 30d}-style (1–366 days back from now) or blank for the current calendar month
     */
    Outcome view(TelegramUserId actor, String period);

    sealed interface Outcome {

        record Shown(TimeWindow period, OperatorQueries.Statistics statistics) implements Outcome {

            public Shown {
                Objects.requireNonNull(period, "period");
                Objects.requireNonNull(statistics, "statistics");
            }
        }

        /** The period was not understood. */
        record BadPeriod() implements Outcome {
        }

        record NotAllowed() implements Outcome {
        }
    }
}
