package io.mentorium.application.port.out;

import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Everything the bot keeps about one parent: read out for them, or erased at their request. */
public interface PersonalData {

    /**
     * The parent's data, one section per kind (profile, links, settings, subscriptions, payments, dialog…), each with
     * its column names and rows; cells are strings, numbers, instants or nulls.
     */
    List<Section> collect(TelegramUserId parent);

    /**
     * Erases the parent's personal data in the caller's transaction. Payments stay for accounting, with the payer
     * replaced by {@code pseudonym}.
     *
     * @param pseudonym a payer id no Telegram account can have (see {@code ForgetParentService})
     * @return rows erased or anonymised, by table
     */
    java.util.Map<String, Integer> erase(TelegramUserId parent, long pseudonym, Instant at);

    record Section(String name, List<String> header, List<List<Object>> rows) {

        public Section {
            Objects.requireNonNull(name, "name");
            header = List.copyOf(header);
            rows = rows.stream().map(row -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(row)))
                    .toList();
        }
    }
}
