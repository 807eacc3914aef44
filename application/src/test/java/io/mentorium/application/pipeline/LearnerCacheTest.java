package io.mentorium.application.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.application.config.Environment;
import io.mentorium.application.port.out.LearnerDirectory;
import io.mentorium.application.testing.MutableClock;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.learner.LinkCode;
import io.mentorium.domain.shared.Email;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LearnerCacheTest {

    private static final Learner AZIZ = learner("aziz", "Aziz Karimov");
    private static final Learner MALIKA = learner("malika", "Malika Karimova");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T07:00:00Z"));
    private final LearnerCache cache = new LearnerCache(Duration.ofSeconds(60), 3, clock);
    private final CountingPlatform platform = new CountingPlatform(List.of(AZIZ, MALIKA));

    @Test
    void learnersReadAMomentAgoAreKnownUntilTheirTimeIsUp() {
        cache.remember(List.of(AZIZ, MALIKA));

        assertThat(cache.known(List.of(MALIKA.id(), AZIZ.id(), AZIZ.id()))).contains(List.of(MALIKA, AZIZ));
        clock.advance(Duration.ofSeconds(59));
        assertThat(cache.known(List.of(AZIZ.id()))).contains(List.of(AZIZ));
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.known(List.of(AZIZ.id()))).isEmpty();
    }

    @Test
    void oneLearnerNotKnownMeansTheWholeReadIsMadeAgain() {
        cache.remember(List.of(AZIZ));

        assertThat(cache.known(List.of(AZIZ.id(), MALIKA.id()))).isEmpty();
        assertThat(cache.known(List.of())).contains(List.of());
    }

    @Test
    void theLeastRecentlyUsedLearnerLeavesFirstWhenTheCacheIsFull() {
        Learner third = learner("third", "Third Child");
        Learner fourth = learner("fourth", "Fourth Child");
        cache.remember(List.of(AZIZ, MALIKA, third));
        cache.known(List.of(AZIZ.id())); // Aziz used: Malika is now the least recently used

        cache.remember(List.of(fourth));

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.known(List.of(MALIKA.id()))).isEmpty();
        assertThat(cache.known(List.of(AZIZ.id(), third.id(), fourth.id()))).isPresent();
    }

    @Test
    void aCacheTurnedOffKeepsNothing() {
        LearnerCache off = LearnerCache.off();
        off.remember(List.of(AZIZ));

        assertThat(off.known(List.of(AZIZ.id()))).isEmpty();
        assertThat(off.size()).isZero();
    }

    @Test
    void readingThroughAsksThePlatformOnlyForWhatIsNotKnownAndAlwaysForCodes() {
        LearnerDirectory directory = cache.readingThrough(platform);

        assertThat(directory.findByIds(List.of(AZIZ.id()))).containsExactly(AZIZ);
        assertThat(directory.findByIds(List.of(AZIZ.id()))).containsExactly(AZIZ);
        assertThat(platform.learnerReads).hasSize(1);
        assertThat(directory.findByIds(List.of(AZIZ.id(), MALIKA.id()))).containsExactly(AZIZ, MALIKA);
        assertThat(platform.learnerReads).hasSize(2);
        directory.findCodesForGuardian(new Email("aziza.karimova@example.com"), "AZIZ-7K2Q");
        directory.findCodesForGuardian(new Email("aziza.karimova@example.com"), "AZIZ-7K2Q");
        assertThat(platform.codeReads).isEqualTo(2);
    }

    @Test
    void whileAnUpdateIsHandledAKnownLearnerIsAnsweredAtOnceAndAnUnknownOneStopsTheHandling() {
        LearnerDirectory deferred = PlatformReadScope.deferred(platform, cache);
        PlatformReadScope scope = PlatformReadScope.open();
        try {
            PlatformReadScope.ReadNeeded needed = (PlatformReadScope.ReadNeeded) catchReadNeeded(
                    () -> deferred.findByIds(List.of(AZIZ.id())));
            assertThat(platform.learnerReads).isEmpty();
            scope.answer(needed); // outside the transaction
            assertThat(deferred.findByIds(List.of(AZIZ.id()))).containsExactly(AZIZ);
        } finally {
            scope.close();
        }
        assertThat(platform.learnerReads).hasSize(1);

        // The next update that shows Aziz, a moment later, needs no read and no second pass.
        PlatformReadScope next = PlatformReadScope.open();
        try {
            assertThat(deferred.findByIds(List.of(AZIZ.id()))).containsExactly(AZIZ);
            clock.advance(Duration.ofMinutes(5));
            // Known for the rest of the scope even once expired: a second pass sees what the first one saw.
            assertThat(deferred.findByIds(List.of(AZIZ.id()))).containsExactly(AZIZ);
        } finally {
            next.close();
        }
        assertThat(platform.learnerReads).hasSize(1);
    }

    @Test
    void theTimeIsConfiguredInSecondsWithZeroForNoCache() {
        assertThat(LearnerCache.ttlFrom(new Environment(Map.of()))).isEqualTo(Duration.ofSeconds(60));
        assertThat(LearnerCache.ttlFrom(new Environment(Map.of("PLATFORM_CACHE_SECONDS", "0")))).isZero();
        Environment wrong = new Environment(Map.of("PLATFORM_CACHE_SECONDS", "a minute"));
        LearnerCache.ttlFrom(wrong);
        assertThat(wrong.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.variable()).isEqualTo("PLATFORM_CACHE_SECONDS"));
        assertThatThrownBy(() -> new LearnerCache(Duration.ofSeconds(-1), 1, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static RuntimeException catchReadNeeded(Runnable read) {
        try {
            read.run();
        } catch (PlatformReadScope.ReadNeeded needed) {
            return needed;
        }
        throw new AssertionError("the read did not stop the handling");
    }

    private static Learner learner(String id, String name) {
        return new Learner(new LearnerId(id), name, Optional.of("7"), ZoneId.of("Asia/Tashkent"), true);
    }

    private static final class CountingPlatform implements LearnerDirectory {

        private final List<Learner> learners;
        private final List<List<LearnerId>> learnerReads = new ArrayList<>();
        private int codeReads;

        CountingPlatform(List<Learner> learners) {
            this.learners = learners;
        }

        @Override
        public List<Learner> findByIds(Collection<LearnerId> ids) {
            learnerReads.add(List.copyOf(ids));
            return learners.stream().filter(learner -> ids.contains(learner.id())).toList();
        }

        @Override
        public List<LinkCode> findCodesForGuardian(Email email, String typedCode) {
            codeReads++;
            return List.of();
        }
    }
}
