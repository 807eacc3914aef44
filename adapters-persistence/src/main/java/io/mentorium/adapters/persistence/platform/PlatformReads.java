package io.mentorium.adapters.persistence.platform;

import io.mentorium.adapters.persistence.jdbi.HotPath;
import io.mentorium.adapters.persistence.jdbi.Storage;
import io.mentorium.domain.learner.LearnerId;
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

    /**
     * One query whose only parameter is the ids ({@code = ANY(?)}), in plain JDBC ({@link HotPath}): the reads a chat's
     * turn or every answer makes, where a SqlObject extension and its template per call cost more than the query
     * (docs/PERFORMANCE.md). {@code row} reads the current row.
     */
    static <T> List<T> byIds(Jdbi jdbi, String action, PlatformSchema schema, String sql, String[] ids,
                             HotPath.Reader<T> row) {
        return HotPath.query(jdbi, action + " from platform schema " + schema, sql,
                (statement, connection) -> HotPath.setTexts(statement, 1, ids), rows -> {
                    List<T> found = new ArrayList<>();
                    while (rows.next()) {
                        found.add(row.read(rows));
                    }
                    return found;
                });
    }

    /** Distinct ids as an array for {@code = ANY(:ids)}. */
    static String[] ids(Collection<LearnerId> learnerIds) {
        return learnerIds.stream().map(LearnerId::value).distinct().toArray(String[]::new);
    }

}
