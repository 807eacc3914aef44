package io.mentorium.adapters.persistence.platform;

import io.mentorium.adapters.persistence.jdbi.Storage;
import io.mentorium.domain.learner.LearnerId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/** Failure translation and id handling shared by the platform readers. */
final class PlatformReads {

    private PlatformReads() {
    }

    static <T> T call(String action, PlatformSchema schema, Supplier<T> work) {
        try {
            return work.get();
        } catch (JdbiException e) {
            throw Storage.failure(action + " from platform schema " + schema, e);
        }
    }

    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /**
     * One query whose only parameter is the ids ({@code = ANY(?)}), in plain JDBC: the reads a chat's turn or every
     * answer makes, where a SqlObject extension and its template per call cost more than the query
     * (docs/PERFORMANCE.md).
     */
    static <T> List<T> byIds(Jdbi jdbi, String action, PlatformSchema schema, String sql, String[] ids,
                             RowReader<T> reader) {
        return call(action, schema, () -> jdbi.withHandle(handle -> {
            Connection connection = handle.getConnection();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setArray(1, connection.createArrayOf("text", ids));
                try (ResultSet rows = statement.executeQuery()) {
                    List<T> found = new ArrayList<>();
                    while (rows.next()) {
                        found.add(reader.read(rows));
                    }
                    return found;
                }
            } catch (SQLException e) {
                throw Storage.failure(action + " from platform schema " + schema, e);
            }
        }));
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Distinct ids as an array for {@code = ANY(:ids)}. */
    static String[] ids(Collection<LearnerId> learnerIds) {
        return learnerIds.stream().map(LearnerId::value).distinct().toArray(String[]::new);
    }

}
