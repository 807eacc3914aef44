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
    @ValueSource(strings = {"AB7-K2Q", "ab7-k2q", "  Ab7-K2q  ", "\tab7-K2Q\n", "AB7K2Q", "AB7 -K2Q", "ab7 k2q",
            "AB7\u00a0K2Q", "AB7–K2Q", "A B 7 - K 2 Q"})
    void matchesIgnoringCaseSpacesAndDashes(String typed) {
        assertThat(new LinkCode(LEARNER, "AB7-K2Q", Optional.empty()).matches(typed)).isTrue();
    }

    @Test
    void lowerCaseCodeMatchesUpperCaseTyping() {
        assertThat(new LinkCode(LEARNER, " ab7-k2q", Optional.empty()).matches("AB7-K2Q")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AB7-K2", "AB7_K2Q", "AB7.K2Q", "", "   ", " - "})
    void doesNotMatchADifferentCode(String typed) {
        assertThat(new LinkCode(LEARNER, "AB7-K2Q", Optional.empty()).matches(typed)).isFalse();
    }

    @Test
    void aCodeGroupedForReadingMatchesAsTypedInOneGo() {
        assertThat(new LinkCode(LEARNER, "481 516", Optional.empty()).matches("481516")).isTrue();
        assertThat(new LinkCode(LEARNER, "481516", Optional.empty()).matches("48 15 16")).isTrue();
    }

    @Test
    void aCodeOfSeparatorsOnlyMatchesNothing() {
        assertThat(new LinkCode(LEARNER, "---", Optional.empty()).matches("-")).isFalse();
        assertThat(new LinkCode(LEARNER, "---", Optional.empty()).matches("---")).isFalse();
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
    void normalizeDropsSpacesAndDashesAndUpperCases() {
        assertThat(LinkCode.normalize("  ab7-k2q ")).isEqualTo("AB7K2Q");
        assertThat(LinkCode.normalize("481\u2009516")).isEqualTo("481516");
    }
}
