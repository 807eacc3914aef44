package io.mentorium.application.service;

import static io.mentorium.application.service.Fixtures.AZIZ;
import static io.mentorium.application.service.Fixtures.FATHER;
import static io.mentorium.application.service.Fixtures.FATHER_EMAIL;
import static io.mentorium.application.service.Fixtures.MALIKA;
import static io.mentorium.application.service.Fixtures.MOTHER;
import static io.mentorium.application.service.Fixtures.MOTHER_EMAIL;
import static io.mentorium.application.service.Fixtures.NOW;
import static io.mentorium.application.service.Fixtures.STRANGER;
import static io.mentorium.application.service.Fixtures.TIMUR;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.in.UnlinkLearner.Command;
import io.mentorium.application.port.in.UnlinkLearner.Result;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.testing.DirectTransactionRunner;
import io.mentorium.application.testing.InMemoryEventLog;
import io.mentorium.application.testing.InMemoryParentRepository;
import io.mentorium.application.testing.MutableClock;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UnlinkLearnerServiceTest {

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryParentRepository parents = new InMemoryParentRepository();
    private final InMemoryEventLog events = new InMemoryEventLog();
    private final DirectTransactionRunner transactions = new DirectTransactionRunner();
    private final UnlinkLearnerService service = new UnlinkLearnerService(parents, events, transactions, clock);

    @BeforeEach
    void linkFamilies() {
        parents.save(Fixtures.linked(MOTHER, MOTHER_EMAIL, AZIZ.id(), MALIKA.id()));
        parents.save(Fixtures.linked(FATHER, FATHER_EMAIL, AZIZ.id()));
    }

    @Test
    void unlinkingAChildRemovesOnlyThisParentsLink() {
        Result result = service.unlink(new Command(MOTHER, AZIZ.id()));

        assertThat(result).isEqualTo(new Result.Unlinked(AZIZ.id()));
        assertThat(parents.findById(MOTHER).orElseThrow().learnerIds()).containsExactly(MALIKA.id());
        assertThat(parents.findById(FATHER).orElseThrow().learnerIds()).containsExactly(AZIZ.id());
        assertThat(events.ofType("learner.unlinked")).containsExactly(new EventLog.Event("learner.unlinked",
                Optional.of(MOTHER), Map.of("learner_id", AZIZ.id().value()), NOW));
        assertThat(transactions.transactions()).isEqualTo(1);
    }

    @Test
    void unlinkingTwiceAnswersNotLinkedTheSecondTime() {
        Result first = service.unlink(new Command(MOTHER, AZIZ.id()));
        Result second = service.unlink(new Command(MOTHER, AZIZ.id()));

        assertThat(first).isEqualTo(new Result.Unlinked(AZIZ.id()));
        assertThat(second).isEqualTo(new Result.NotLinked(AZIZ.id()));
        assertThat(events.ofType("learner.unlinked")).hasSize(1);
    }

    @Test
    void unlinkingSomeoneElsesChildChangesNothing() {
        assertThat(service.unlink(new Command(FATHER, MALIKA.id()))).isEqualTo(new Result.NotLinked(MALIKA.id()));
        assertThat(service.unlink(new Command(STRANGER, TIMUR.id()))).isEqualTo(new Result.NotLinked(TIMUR.id()));

        assertThat(parents.findById(MOTHER).orElseThrow().learnerIds()).containsExactly(AZIZ.id(), MALIKA.id());
        assertThat(events.recent(10)).isEmpty();
    }

    @Test
    void unknownParentGetsNotLinked() {
        Result result = service.unlink(new Command(new TelegramUserId(4242), AZIZ.id()));

        assertThat(result).isEqualTo(new Result.NotLinked(AZIZ.id()));
        assertThat(parents.findById(new TelegramUserId(4242))).isEmpty();
    }
}
