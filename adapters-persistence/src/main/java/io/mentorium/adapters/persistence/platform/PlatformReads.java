package io.mentorium.adapters.persistence.platform;

import io.mentorium.application.port.out.StorageException;
import io.mentorium.domain.learner.LearnerId;
import java.sql.SQLException;
import java.util.Collection;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;

/** Failure translation and id handling shared by the platform readers. */
final class PlatformReads {

    private PlatformReads() {
    }

    static <T> T call(String action, PlatformSchema schema, Supplier<T> work) {
        try {
            return work.get();
        } catch (JdbiException e) {
            SQLException sql = sqlCause(e);
            String message = "Could not " + action + " from platform schema " + schema
                    + (sql == null ? ": " + e.getClass().getSimpleName() : " (SQLState " + sql.getSQLState() + ")");
            throw new StorageException(message, sql != null ? sql : e);
        }
    }

    /** Distinct ids as an array for {@code = ANY(:ids)}. */
    static String[] ids(Collection<LearnerId> learnerIds) {
        return learnerIds.stream().map(LearnerId::value).distinct().toArray(String[]::new);
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
