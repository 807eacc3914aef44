package io.mentorium.application.pipeline;

import io.mentorium.application.port.out.ActivitySource;
import io.mentorium.application.port.out.LearnerDirectory;
import io.mentorium.domain.learner.ActivityFact;
import io.mentorium.domain.learner.Enrollment;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.learner.LinkCode;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.TimeWindow;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps reads of the platform database out of the bot database's transaction, without the conversation knowing.
 *
 * <p>The platform is another database, possibly slow; a read made inside a bot transaction would hold a bot connection
 * (and the update's row lock) for as long as it takes, and a handful of such chats would stall every other chat. So
 * while an update is handled, the platform ports are the decorators made here: a read whose answer the current scope
 * does not know yet stops the handling with {@link ReadNeeded}, which rolls the transaction back; the handler then
 * makes that read with no transaction open, remembers the answer, and handles the update again from the start. The
 * conversation is deterministic for the same input, state and platform answers, so the second run asks the same
 * questions and gets them answered from memory. Handling needs one platform read at most twice in practice (a link
 * code: the codes, then the learners), so an update costs at most a few short bot transactions, none of them waiting.
 *
 * <p>Outside a scope (the console, start-up, other callers) the decorators simply read (through the cache, if any).
 */
public final class PlatformReadScope {

    private static final ThreadLocal<PlatformReadScope> CURRENT = new ThreadLocal<>();

    /** Thrown inside the transaction when an answer is missing; carries the read to make outside it. */
    static final class ReadNeeded extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient List<Object> key;
        private final transient Supplier<?> read;

        ReadNeeded(List<Object> key, Supplier<?> read) {
            super("a platform read is needed outside the transaction", null, false, false);
            this.key = key;
            this.read = read;
        }
    }

    private final Map<List<Object>, Object> answers = new HashMap<>();
    /** When true, a missing answer is read on the spot (the last resort after too many rounds). */
    private boolean readThrough;

    private PlatformReadScope() {
    }

    /** Opens a scope on this thread; close it with {@link #close()} in a finally block. */
    static PlatformReadScope open() {
        PlatformReadScope scope = new PlatformReadScope();
        CURRENT.set(scope);
        return scope;
    }

    void close() {
        CURRENT.remove();
    }

    /** Makes the read the handling stopped for; call with no transaction open. */
    void answer(ReadNeeded needed) {
        answers.put(needed.key, needed.read.get());
    }

    /** From now on reads that are still missing are made directly (inside the transaction). */
    void readThrough() {
        readThrough = true;
    }

    private static <T> T read(List<Object> key, Supplier<T> read) {
        return read(key, read, Optional::empty);
    }

    /** @param known the answer if it can be had without reading (learners read a moment ago) */
    @SuppressWarnings("unchecked")
    private static <T> T read(List<Object> key, Supplier<T> read, Supplier<Optional<T>> known) {
        PlatformReadScope scope = CURRENT.get();
        if (scope == null) {
            return read.get();
        }
        if (scope.answers.containsKey(key)) {
            return (T) scope.answers.get(key);
        }
        Optional<T> answer = known.get();
        if (answer.isPresent()) {
            // Kept for the rest of the scope: a second pass must see what the first one saw.
            scope.answers.put(key, answer.get());
            return answer.get();
        }
        if (scope.readThrough) {
            T value = read.get();
            scope.answers.put(key, value);
            return value;
        }
        throw new ReadNeeded(key, read);
    }

    /** The directory as the conversation sees it while an update is handled. */
    public static LearnerDirectory deferred(LearnerDirectory directory) {
        return deferred(directory, LearnerCache.off());
    }

    /**
     * The directory as the conversation sees it while an update is handled, with learners read a moment ago served
     * from the cache: an update whose learners are all known there is handled in one pass, in its batch.
     */
    public static LearnerDirectory deferred(LearnerDirectory directory, LearnerCache cache) {
        Objects.requireNonNull(cache, "cache");
        LearnerDirectory through = cache.readingThrough(Objects.requireNonNull(directory, "directory"));
        return new LearnerDirectory() {
            @Override
            public List<Learner> findByIds(Collection<LearnerId> ids) {
                List<LearnerId> copy = List.copyOf(ids);
                return read(List.of("findByIds", copy), () -> through.findByIds(copy), () -> cache.known(copy));
            }

            @Override
            public List<LinkCode> findCodesForGuardian(Email email, String typedCode) {
                return read(List.of("findCodesForGuardian", email, typedCode),
                        () -> through.findCodesForGuardian(email, typedCode));
            }
        };
    }

    /** The activity source as the conversation sees it while an update is handled. */
    public static ActivitySource deferred(ActivitySource source) {
        Objects.requireNonNull(source, "source");
        return new ActivitySource() {
            @Override
            public List<ActivityFact> activities(Collection<LearnerId> learnerIds, TimeWindow window) {
                List<LearnerId> copy = List.copyOf(learnerIds);
                return read(List.of("activities", copy, window), () -> source.activities(copy, window));
            }

            @Override
            public List<Enrollment> enrollments(Collection<LearnerId> learnerIds) {
                List<LearnerId> copy = List.copyOf(learnerIds);
                return read(List.of("enrollments", copy), () -> source.enrollments(copy));
            }
        };
    }
}
