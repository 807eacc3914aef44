package io.mentorium.adapters.persistence.platform;

import io.mentorium.adapters.persistence.jdbi.Storage;
import io.mentorium.domain.learner.LearnerId;
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
            throw Storage.failure(action + " from platform schema " + schema, e);
        }
    }

    /** Distinct ids as an array for {@code = ANY(:ids)}. */
    static String[] ids(Collection<LearnerId> learnerIds) {
        return learnerIds.stream().map(LearnerId::value).distinct().toArray(String[]::new);
    }

}
