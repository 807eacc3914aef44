package io.mentorium.application.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplyReserveTest {

    private static final Instant WINDOW = Instant.parse("2026-12-06T18:00:00Z");

    private static Instant into(int millis) {
        return WINDOW.plusMillis(millis);
    }

    @Test
    void atTheStartOfAWindowBackgroundLeavesTheWholeReserveToReplies() {
        ReplyReserve reserve = new ReplyReserve(200);

        assertThat(reserve.reserve()).isEqualTo(40);
        assertThat(reserve.cap(false, WINDOW)).isEqualTo(160);
        assertThat(reserve.cap(true, WINDOW)).isEqualTo(200);
    }

    @Test
    void theReserveLapsesAsTheSecondPassesSoBackgroundMayBorrowWhatRepliesDidNotTake() {
        ReplyReserve reserve = new ReplyReserve(200);

        assertThat(reserve.cap(false, into(250))).isEqualTo(170);
        assertThat(reserve.cap(false, into(500))).isEqualTo(180);
        assertThat(reserve.cap(false, into(999))).as("one permit is held to the window's last instant")
                .isEqualTo(199);
        assertThat(reserve.cap(false, WINDOW.plusSeconds(1))).as("a new window holds the whole reserve again")
                .isEqualTo(160);
    }

    @Test
    void atEveryMomentRepliesStillFindTheReservesPaceForTheRestOfTheSecond() {
        ReplyReserve reserve = new ReplyReserve(1_000);

        for (int millis = 0; millis < 1_000; millis += 7) {
            Instant now = into(millis);
            double restOfSecond = (1_000 - millis) / 1_000.0;
            assertThat(reserve.cap(true, now) - reserve.cap(false, now)).as("held at %d ms", millis)
                    .isGreaterThanOrEqualTo((int) Math.floor(reserve.reserve() * restOfSecond));
        }
    }

    @Test
    void aDrawAsksForNoMoreThanTheRestOfTheWindowCanSend() {
        ReplyReserve reserve = new ReplyReserve(1_000);

        assertThat(reserve.sendableInRestOf(WINDOW)).isEqualTo(1_000);
        assertThat(reserve.sendableInRestOf(into(900))).isEqualTo(100);
        assertThat(reserve.sendableInRestOf(WINDOW.plusNanos(999_999_999))).isEqualTo(1);
    }

    @Test
    void aShortBackgroundGrantIsRetriedWhenEnoughOfTheReserveHasLapsedAndNeverLaterThanTheNextWindow() {
        ReplyReserve reserve = new ReplyReserve(1_000);

        assertThat(reserve.retryAfterShortGrant(into(100), 1)).as("at least the minimum wait")
                .isEqualTo(into(100).plus(ReplyReserve.MIN_RETRY));
        assertThat(reserve.retryAfterShortGrant(into(100), 8)).as("8 permits lapse in 40 ms at 200/s")
                .isEqualTo(into(140));
        assertThat(reserve.retryAfterShortGrant(into(100), 150)).as("a twentieth of the reserve lapses in 50 ms")
                .isEqualTo(into(150));
        assertThat(reserve.retryAfterShortGrant(into(980), 10)).isEqualTo(WINDOW.plusSeconds(1));
        assertThat(new ReplyReserve(4).retryAfterShortGrant(into(10), 1)).as("no reserve below 5/s to lapse")
                .isEqualTo(WINDOW.plusSeconds(1));
        assertThat(new ReplyReserve(25).retryAfterShortGrant(into(10), 3)).as("at 25/s a permit lapses in 200 ms")
                .isEqualTo(into(210));
        assertThat(Duration.between(into(100), reserve.retryAfterShortGrant(into(100), 3)))
                .isEqualTo(Duration.ofMillis(15));
    }
}
