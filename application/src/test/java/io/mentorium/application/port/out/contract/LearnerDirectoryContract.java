package io.mentorium.application.port.out.contract;

import static io.mentorium.application.port.out.contract.PlatformData.AZIZA;
import static io.mentorium.application.port.out.contract.PlatformData.BOBUR;
import static io.mentorium.application.port.out.contract.PlatformData.DAD;
import static io.mentorium.application.port.out.contract.PlatformData.DILYA;
import static io.mentorium.application.port.out.contract.PlatformData.LONELY;
import static io.mentorium.application.port.out.contract.PlatformData.MOM;
import static io.mentorium.application.port.out.contract.PlatformData.OTHER;
import static io.mentorium.application.port.out.contract.PlatformData.OTHER_GUARDIAN;
import static io.mentorium.application.port.out.contract.PlatformData.UNKNOWN;
import static io.mentorium.application.port.out.contract.PlatformData.learnerNamed;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.out.LearnerDirectory;
import io.mentorium.domain.learner.LinkCode;
import io.mentorium.domain.shared.Email;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link LearnerDirectory} must answer over {@link PlatformData#standard()}. */
public abstract class LearnerDirectoryContract {

    protected LearnerDirectory directory;

    /** A directory reading exactly this platform data; called before each test with the same data. */
    protected abstract LearnerDirectory directoryOver(PlatformData data);

    @BeforeEach
    final void loadPlatform() {
        directory = directoryOver(PlatformData.standard());
    }

    @Test
    void learners_are_found_by_id_active_or_not_and_unknown_ids_are_skipped() {
        assertThat(directory.findByIds(List.of(DILYA, UNKNOWN, AZIZA, LONELY, AZIZA)))
                .containsExactlyInAnyOrder(learnerNamed(DILYA), learnerNamed(AZIZA), learnerNamed(LONELY));
    }

    @Test
    void no_ids_find_no_learners() {
        assertThat(directory.findByIds(List.of())).isEmpty();
        assertThat(directory.findByIds(List.of(UNKNOWN))).isEmpty();
    }

    @Test
    void the_matching_code_of_a_learner_the_email_guards_is_found() {
        LinkCode aziza2026 = new LinkCode(AZIZA, "AZIZA-2026", Optional.empty());

        assertThat(directory.findCodesForGuardian(MOM, "AZIZA-2026")).containsExactly(aziza2026);
        assertThat(directory.findCodesForGuardian(DAD, "AZIZA-2026")).containsExactly(aziza2026);
    }

    @Test
    void a_code_matches_ignoring_surrounding_spaces_and_case() {
        assertThat(directory.findCodesForGuardian(MOM, "  aziza-2026 "))
                .containsExactly(new LinkCode(AZIZA, "AZIZA-2026", Optional.empty()));
        assertThat(directory.findCodesForGuardian(MOM, "BoBuR7")).extracting(LinkCode::learnerId)
                .containsExactly(BOBUR);
    }

    @Test
    void a_code_comes_back_as_the_platform_stores_it_with_its_expiry() {
        PlatformData data = PlatformData.standard();
        LinkCode bobur7 = data.codes().stream().filter(c -> c.learnerId().equals(BOBUR)).findFirst().orElseThrow();

        assertThat(directory.findCodesForGuardian(MOM, "BOBUR7")).containsExactly(bobur7);
    }

    @Test
    void another_familys_code_is_not_found_even_when_it_is_the_same_text() {
        assertThat(directory.findCodesForGuardian(DAD, "bobur7")).isEmpty();
        assertThat(directory.findCodesForGuardian(OTHER_GUARDIAN, "bobur7")).isEmpty();
        // OTHER's code reads like AZIZA's: each guardian gets only their own learner's
        assertThat(directory.findCodesForGuardian(OTHER_GUARDIAN, "AZIZA-2026"))
                .containsExactly(new LinkCode(OTHER, "AZIZA-2026", Optional.empty()));
    }

    @Test
    void the_code_of_an_inactive_learner_is_found_too_and_the_learner_read_as_inactive() {
        // The caller tells the parent the account is deactivated instead of calling a right code wrong.
        assertThat(directory.findCodesForGuardian(MOM, "DILYA1"))
                .containsExactly(new LinkCode(DILYA, "DILYA1", Optional.empty()));
        assertThat(directory.findByIds(List.of(DILYA))).singleElement()
                .satisfies(learner -> assertThat(learner.active()).isFalse());
    }

    @Test
    void expired_codes_are_returned_too() {
        List<LinkCode> found = directory.findCodesForGuardian(MOM, "old-code");

        assertThat(found).singleElement().satisfies(code -> {
            assertThat(code.learnerId()).isEqualTo(AZIZA);
            assertThat(code.expiresAt()).isPresent();
            assertThat(code.isExpiredAt(PlatformData.WEEK.from())).isTrue();
        });
    }

    @Test
    void an_unknown_email_finds_no_code() {
        assertThat(directory.findCodesForGuardian(new Email("stranger@example.com"), "AZIZA-2026")).isEmpty();
    }

    @Test
    void a_wrong_or_blank_code_finds_nothing() {
        assertThat(directory.findCodesForGuardian(MOM, "AZIZA-2027")).isEmpty();
        assertThat(directory.findCodesForGuardian(MOM, "AZIZA")).isEmpty();
        assertThat(directory.findCodesForGuardian(MOM, "   ")).isEmpty();
    }
}
