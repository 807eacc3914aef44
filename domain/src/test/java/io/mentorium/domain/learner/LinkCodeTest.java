package io.mentorium.domain.learner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinkCodeTest {

    private static final LearnerId LEARNER = new LearnerId("L1");
    private static final Instant EXPIRY = Instant.parse("2026-03-04T12:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"AB7-K2Q", "ab7-k2q", "  Ab7-K2q  ", "\tab7-K2Q\n"})
    void matchesIgnoringCaseAndSurroundingSpaces(String typed) {
        assertThat(new LinkCode(LEARNER, "AB7-K2Q", Optional.empty()).matches(typed)).isTrue();
    }

    @Test
    void lowerCaseCodeMatchesUpperCaseTyping() {
        assertThat(new LinkCode(LEARNER, " ab7-k2q", Optional.empty()).matches("AB7-K2Q")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AB7K2Q", "AB7 -K2Q", "AB7-K2", "", "   "})
    void doesNotMatchADifferentCode(String typed) {
        assertThat(new LinkCode(LEARNER, "AB7-K2Q", Optional.empty()).matches(typed)).isFalse();
    }

    @Test
    void doesNotMatchNull() {
        assertThat(new LinkCode(LEARNER, "AB7-K2Q", Optional.empty()).matches(null)).isFalse();
    }

    @Test
    void expiresAtTheExactInstant() {
        LinkCode code = new LinkCode(LEARNER, "AB7-K2Q", Optional.of(EXPIRY));

        assertThat(code.isExpiredAt(EXPIRY.minusNanos(1))).isFalse();
        assertThat(code.isExpiredAt(EXPIRY)).isTrue();
        assertThat(code.isExpiredAt(EXPIRY.plusSeconds(1))).isTrue();
    }

    @Test
    void codeWithoutExpiryNeverExpires() {
        LinkCode code = new LinkCode(LEARNER, "AB7-K2Q", Optional.empty());

        assertThat(code.isExpiredAt(Instant.MAX)).isFalse();
        assertThat(code.isExpiredAt(Instant.EPOCH)).isFalse();
    }

    @Test
    void blankCodeIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LinkCode(LEARNER, "  ", Optional.empty()));
    }

    @Test
    void normalizeStripsAndUpperCases() {
        assertThat(LinkCode.normalize("  ab7-k2q ")).isEqualTo("AB7-K2Q");
    }
}
