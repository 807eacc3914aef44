package io.mentorium.application.port.out.contract;

import static io.mentorium.application.port.out.contract.ContractData.minutes;
import static io.mentorium.application.port.out.contract.ContractData.parentId;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.out.Trials.Trial;
import io.mentorium.application.port.out.Trials;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link Trials} must do: decide a parent's trial once, and give a family one trial. */
public abstract class TrialsContract {

    private static final TelegramUserId MOTHER = parentId(701);
    private static final TelegramUserId FATHER = parentId(702);
    private static final TelegramUserId STRANGER = parentId(703);
    private static final LearnerId AZIZ = new LearnerId("L-trial-1");
    private static final LearnerId MALIKA = new LearnerId("L-trial-2");
    private static final LearnerId TIMUR = new LearnerId("L-trial-9");
    private static final Instant START = minutes(10);
    private static final Instant END = minutes(10 + 7 * 24 * 60);

    protected Trials trials;

    protected abstract Trials emptyTrials();

    @BeforeEach
    final void startEmpty() {
        trials = emptyTrials();
    }

    @Test
    void a_parent_whose_trial_was_never_decided_has_none() {
        assertThat(trials.find(MOTHER)).isEmpty();
    }

    @Test
    void the_first_parent_of_a_family_gets_the_trial_and_it_round_trips() {
        Trial trial = trials.claim(MOTHER, List.of(AZIZ, MALIKA), START, END);

        assertThat(trial).isEqualTo(new Trial(MOTHER, START, END));
        assertThat(trial.granted()).isTrue();
        assertThat(trials.find(MOTHER)).contains(trial);
    }

    @Test
    void a_second_parent_of_one_of_the_children_gets_a_refused_trial() {
        trials.claim(MOTHER, List.of(AZIZ, MALIKA), START, END);

        Trial father = trials.claim(FATHER, List.of(MALIKA), minutes(20), minutes(30));

        assertThat(father.granted()).isFalse();
        assertThat(father.startsAt()).isEqualTo(father.endsAt());
        assertThat(trials.find(FATHER)).contains(father);
    }

    @Test
    void a_child_linked_after_the_trial_joins_that_family() {
        trials.claim(MOTHER, List.of(AZIZ), START, END);

        assertThat(trials.adopt(MOTHER, MALIKA)).isTrue();
        Trial father = trials.claim(FATHER, List.of(MALIKA), minutes(20), minutes(30));

        assertThat(father.granted()).isFalse();
        assertThat(trials.adopt(MOTHER, MALIKA)).as("adopted once").isFalse();
    }

    @Test
    void adopting_needs_a_decided_trial_and_a_child_no_other_family_claimed() {
        assertThat(trials.adopt(MOTHER, AZIZ)).as("never decided").isFalse();
        trials.claim(FATHER, List.of(MALIKA), START, END);
        trials.claim(MOTHER, List.of(AZIZ), START, END);

        assertThat(trials.adopt(MOTHER, MALIKA)).as("the father's family has her").isFalse();
        assertThat(trials.claim(STRANGER, List.of(TIMUR), minutes(20), minutes(30)).granted()).isTrue();
        assertThat(trials.claim(parentId(704), List.of(AZIZ), minutes(20), minutes(30)).granted()).isFalse();
    }

    @Test
    void decided_trials_are_found_at_once_and_undecided_parents_are_absent() {
        Trial mother = trials.claim(MOTHER, List.of(AZIZ), START, END);
        Trial father = trials.claim(FATHER, List.of(AZIZ), minutes(20), minutes(30));

        assertThat(trials.findAll(List.of(MOTHER, FATHER, STRANGER)))
                .containsExactlyInAnyOrderEntriesOf(Map.of(MOTHER, mother, FATHER, father));
        assertThat(trials.findAll(List.of())).isEmpty();
    }

    @Test
    void another_family_gets_its_own_trial() {
        trials.claim(MOTHER, List.of(AZIZ), START, END);

        assertThat(trials.claim(STRANGER, List.of(TIMUR), START, END).granted()).isTrue();
    }

    @Test
    void a_decided_trial_is_answered_unchanged_by_a_later_claim() {
        Trial first = trials.claim(MOTHER, List.of(AZIZ), START, END);

        assertThat(trials.claim(MOTHER, List.of(AZIZ, TIMUR), minutes(500), minutes(900))).isEqualTo(first);
        // The later claim's learners were not taken for this family.
        assertThat(trials.claim(STRANGER, List.of(TIMUR), START, END).granted()).isTrue();
    }

    @Test
    void a_refused_parent_stays_refused_even_when_claiming_other_children_later() {
        trials.claim(MOTHER, List.of(AZIZ), START, END);
        trials.claim(FATHER, List.of(AZIZ), START, END);

        assertThat(trials.claim(FATHER, List.of(TIMUR), START, END).granted()).isFalse();
    }

    @Test
    void two_parents_of_one_child_claiming_at_once_get_one_trial_between_them() throws Exception {
        CountDownLatch ready = new CountDownLatch(2);
        Callable<Trial> mother = () -> {
            ready.countDown();
            ready.await();
            return trials.claim(MOTHER, List.of(AZIZ), START, END);
        };
        Callable<Trial> father = () -> {
            ready.countDown();
            ready.await();
            return trials.claim(FATHER, List.of(AZIZ), START, END);
        };
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Future<Trial> a = threads.submit(mother);
            Future<Trial> b = threads.submit(father);
            assertThat(List.of(a.get(), b.get())).filteredOn(Trial::granted).hasSize(1);
        }
    }
}
