package io.mentorium.application.port.out;

import java.util.List;
import java.util.Objects;

/** Builds a spreadsheet file in memory, for exports sent as documents. */
public interface SpreadsheetWriter {

    /** The file's extension, such as {@code xlsx}. */
    String extension();

    /**
     * @return the file's bytes
     */
    byte[] write(List<Sheet> sheets);

    /**
     * @param rows cells are {@code String}, {@code Number}, {@code java.time.Instant} (written in UTC), {@code Boolean}
     *             or {@code null} (an empty cell)
     */
    record Sheet(String name, List<String> header, List<List<Object>> rows) {

        public Sheet {
            Objects.requireNonNull(name, "name");
            header = List.copyOf(header);
            rows = List.copyOf(rows);
        }
    }
}
