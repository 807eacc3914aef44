package io.mentorium.application.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateGateTest {

    private static final Instant T0 = Instant.parse("2025-03-12T10:00:00Z");
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void anUnusedGateAllowsAtOnce() {
        RateGate gate = new RateGate(SECOND, 3);

        assertThat(gate.allows(T0)).isTrue();
        assertThat(gate.recoveredAt()).isBefore(T0);
    }

    @Test
    void aBurstIsAllowedAndThenOneEventPerInterval() {
        RateGate gate = new RateGate(SECOND, 3);

        for (int i = 0; i < 3; i++) {
            assertThat(gate.allows(T0)).isTrue();
            gate.take(T0);
        }

        assertThat(gate.allows(T0)).isFalse();
        assertThat(gate.earliest()).isEqualTo(T0.plus(SECOND));
        gate.take(T0.plus(SECOND));
        assertThat(gate.earliest()).isEqualTo(T0.plus(SECOND.multipliedBy(2)));
    }

    @Test
    void severalEventsMayGoTogetherOnceTheirSlotsHaveAccruedButNeverMoreThanTheBurst() {
        RateGate gate = new RateGate(SECOND, 3);
        assertThat(gate.earliest(5)).as("unused").isEqualTo(Instant.MIN);
        for (int i = 0; i < 3; i++) {
            gate.take(T0);
        }

        assertThat(gate.earliest(1)).isEqualTo(gate.earliest()).isEqualTo(T0.plus(SECOND));
        assertThat(gate.earliest(2)).isEqualTo(T0.plus(SECOND.multipliedBy(2)));
        assertThat(gate.earliest(3)).isEqualTo(T0.plus(SECOND.multipliedBy(3)));
        assertThat(gate.earliest(7)).as("the burst bounds it").isEqualTo(gate.earliest(3));
        Instant together = gate.earliest(3);
        for (int i = 0; i < 3; i++) {
            assertThat(gate.allows(together)).isTrue();
            gate.take(together);
        }
        assertThat(gate.allows(together)).isFalse();
    }

    @Test
    void anEventCountedEarlierThanItHappenedMovesTheNextSlot() {
        RateGate gate = new RateGate(SECOND, 1);
        gate.take(T0);
        // The event was counted at T0 but started 300 ms later (its thread was late).
        gate.delay(Duration.ofMillis(300));

        assertThat(gate.allows(T0.plus(SECOND))).isFalse();
        assertThat(gate.earliest()).isEqualTo(T0.plus(SECOND).plusMillis(300));
    }

    @Test
    void delayingAnUnusedGateChangesNothing() {
        RateGate gate = new RateGate(SECOND, 1);
        gate.delay(Duration.ofMillis(300));

        assertThat(gate.allows(T0)).isTrue();
    }

    @Test
    void aQuietGateRecoversItsWholeBurst() {
        RateGate gate = new RateGate(SECOND, 3);
        gate.take(T0);
        gate.take(T0);

        Instant later = gate.recoveredAt();

        assertThat(later).isEqualTo(T0.plus(SECOND.multipliedBy(2)));
        for (int i = 0; i < 3; i++) {
            assertThat(gate.allows(later)).isTrue();
            gate.take(later);
        }
        assertThat(gate.allows(later)).isFalse();
    }

    @Test
    void onPaceTakesNoneOfTheBurstWhichStaysWholeForOthers() {
        RateGate gate = RateGate.perSecond(1000);
        Instant now = T0.plusMillis(100);
        assertThat(gate.onPace(now)).as("an unused gate").isTrue();

        // Sends that may be skipped, asked for all the time, keep to the steady pace: one a millisecond.
        int onPace = 0;
        for (int micros = 0; micros < 10_000; micros += 100) {
            Instant at = now.plusNanos(micros * 1_000L);
            if (gate.onPace(at)) {
                gate.take(at);
                onPace++;
            }
        }
        assertThat(onPace).isEqualTo(10);

        // The burst is still whole for the sends that may not be skipped.
        Instant after = now.plusMillis(10);
        int burst = 0;
        while (gate.allows(after)) {
            gate.take(after);
            burst++;
        }
        assertThat(burst).isEqualTo(20);
        assertThat(gate.onPace(after)).isFalse();
    }

    @Test
    void aPerSecondGateSpacesEventsEvenly() {
        RateGate gate = RateGate.perSecond(5);

        gate.take(T0);

        assertThat(gate.allows(T0.plusMillis(199))).isFalse();
        assertThat(gate.allows(T0.plusMillis(200))).isTrue();
    }

    @Test
    void aFastPerSecondGateLetsLateSendsCatchUpButNotRunAhead() {
        // 1,000/s: a slot every millisecond, 20 ms of lateness may be caught up.
        RateGate gate = RateGate.perSecond(1000);
        Instant late = T0.plusMillis(100);
        int burst = 0;
        while (gate.allows(late)) {
            gate.take(late);
            burst++;
        }
        // Idle before, so the first 20 go at once (the catch-up), then one a millisecond again.
        assertThat(burst).isEqualTo(20);
        assertThat(gate.allows(late.plusNanos(999_999))).isFalse();
        assertThat(gate.allows(late.plusMillis(1))).isTrue();
        // Over a whole second of steady taking, never more than the rate plus the burst.
        int sent = burst;
        for (int micros = 0; micros < 1_000_000; micros += 100) {
            Instant now = late.plusNanos(micros * 1_000L);
            while (gate.allows(now)) {
                gate.take(now);
                sent++;
            }
        }
        assertThat(sent).isBetween(1000, 1000 + 20);
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThatThrownBy(() -> new RateGate(Duration.ZERO, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateGate(SECOND, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
