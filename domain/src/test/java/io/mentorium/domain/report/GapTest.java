package io.mentorium.domain.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class GapTest {

    @Test
    void daysCountBothEnds() {
        assertThat(new Gap(LocalDate.of(2026, 3, 5), LocalDate.of(2026, 3, 6)).days()).isEqualTo(2);
        assertThat(new Gap(LocalDate.of(2026, 3, 5), LocalDate.of(2026, 3, 5)).days()).isEqualTo(1);
        assertThat(new Gap(LocalDate.of(2028, 2, 28), LocalDate.of(2028, 3, 1)).days()).isEqualTo(3);
    }

    @Test
    void gapEndingBeforeItStartsIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Gap(LocalDate.of(2026, 3, 6), LocalDate.of(2026, 3, 5)));
    }
}
