package io.mentorium.application.pipeline;

import io.mentorium.application.config.Environment;
import io.mentorium.application.port.out.LearnerDirectory;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.learner.LinkCode;
import io.mentorium.domain.shared.Email;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The platform's learners as read in the last little while, for the screens and answers that show them.
 *
 * <p>A parent's children are read from the platform by the children screen, the report and every assistant answer; a
 * parent going from one to the next reads the same learners again within seconds. While an update is handled a read
 * the scope does not know costs the update a second pass in a transaction of its own ({@link PlatformReadScope}), so
 * learners read a moment ago are served from here instead, and the platform database is asked less. A learner's name,
 * grade and time zone change rarely; what the platform changes shows after the cache's time at most. Links stay in the
 * bot's own database and are never cached, so a child unlinked is gone at once. Linking does not read through this:
 * whether a learner is active is checked against the platform itself.
 *
 * <p>Bounded: at most {@code capacity} learners, the least recently used leaving first. Written by hand rather than
 * with a caching library because the application module depends on the domain only.
 */
public final class LearnerCache {

    /** The most learners kept by the bot: a few megabytes. */
    public static final int CAPACITY = 20_000;

    private record Read(Learner learner, Instant readAt) {
    }

    private final Clock clock;
    private final Duration ttl;
    private final Map<LearnerId, Read> entries;

    /**
     * @param ttl      how long a learner read from the platform is served again; zero turns the cache off
     * @param capacity the most learners kept
     */
    public LearnerCache(Duration ttl, int capacity, Clock clock) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.ttl = ttl;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<LearnerId, Read> eldest) {
                return size() > capacity;
            }
        };
    }

    /** From {@code PLATFORM_CACHE_SECONDS}: 0–3,600, default 60; 0 reads the platform every time. */
    public static Duration ttlFrom(Environment env) {
        return Duration.ofSeconds(env.integer("PLATFORM_CACHE_SECONDS", 60, 0, 3_600));
    }

    /** A cache that keeps nothing: every read goes to the platform. */
    public static LearnerCache off() {
        return new LearnerCache(Duration.ZERO, 1, Clock.systemUTC());
    }

    /** The learners with these ids, when every one was read within the TTL; empty when any must be read again. */
    public synchronized Optional<List<Learner>> known(Collection<LearnerId> ids) {
        if (ttl.isZero()) {
            return Optional.empty();
        }
        Instant oldest = clock.instant().minus(ttl);
        List<Learner> learners = new ArrayList<>(ids.size());
        for (LearnerId id : new LinkedHashSet<>(ids)) {
            Read read = entries.get(id);
            if (read == null || !read.readAt().isAfter(oldest)) {
                return Optional.empty();
            }
            learners.add(read.learner());
        }
        return Optional.of(List.copyOf(learners));
    }

    /** Learners just read from the platform. */
    public synchronized void remember(Collection<Learner> learners) {
        if (ttl.isZero()) {
            return;
        }
        Instant now = clock.instant();
        learners.forEach(learner -> entries.put(learner.id(), new Read(learner, now)));
    }

    /** How many learners are kept now (expired ones included until they are read again or pushed out). */
    public synchronized int size() {
        return entries.size();
    }

    /**
     * The directory reading learners through this cache: known ones from here, the rest from the platform (all the
     * ids asked for, remembered as read). Codes are always read from the platform.
     */
    public LearnerDirectory readingThrough(LearnerDirectory platform) {
        Objects.requireNonNull(platform, "platform");
        LearnerCache cache = this;
        return new LearnerDirectory() {
            @Override
            public List<Learner> findByIds(Collection<LearnerId> ids) {
                return cache.known(ids).orElseGet(() -> {
                    List<Learner> read = platform.findByIds(ids);
                    cache.remember(read);
                    return read;
                });
            }

            @Override
            public List<LinkCode> findCodesForGuardian(Email email, String typedCode) {
                return platform.findCodesForGuardian(email, typedCode);
            }
        };
    }
}
