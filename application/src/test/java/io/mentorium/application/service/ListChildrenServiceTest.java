package io.mentorium.application.service;

import static io.mentorium.application.service.Fixtures.AZIZ;
import static io.mentorium.application.service.Fixtures.MALIKA;
import static io.mentorium.application.service.Fixtures.MOTHER;
import static io.mentorium.application.service.Fixtures.MOTHER_EMAIL;
import static io.mentorium.application.service.Fixtures.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.in.ListChildren.Child;
import io.mentorium.application.testing.DirectTransactionRunner;
import io.mentorium.application.testing.InMemoryParentRepository;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListChildrenServiceTest {

    private final InMemoryParentRepository parents = new InMemoryParentRepository();
    private final CountingPlatform platform = new CountingPlatform(Fixtures.families(), new DirectTransactionRunner());
    private final ListChildrenService service = new ListChildrenService(parents, platform);

    @Test
    void childrenAreListedInTheOrderTheyWereLinkedWithOneQuery() {
        // Linked in the opposite order to the platform's.
        Parent mother = Fixtures.linked(MOTHER, MOTHER_EMAIL, MALIKA.id(), AZIZ.id());
        parents.save(mother);

        List<Child> children = service.list(MOTHER);

        assertThat(children).containsExactly(
                new Child(MALIKA, mother.linkTo(MALIKA.id()).orElseThrow()),
                new Child(AZIZ, mother.linkTo(AZIZ.id()).orElseThrow()));
        assertThat(platform.count(CountingPlatform.Query.FIND_BY_IDS)).isEqualTo(1);
        assertThat(platform.directoryQueries()).isEqualTo(1);
    }

    @Test
    void aParentJustReadIsListedByTheLinksItHoldsWithoutReadingItAgain() {
        parents.save(Fixtures.linked(MOTHER, MOTHER_EMAIL, AZIZ.id()));
        // As the caller read it: one link more than stored now, so a second read would show.
        Parent held = Fixtures.linked(MOTHER, MOTHER_EMAIL, MALIKA.id(), AZIZ.id());

        assertThat(service.list(held)).extracting(Child::learner).containsExactly(MALIKA, AZIZ);
        assertThat(service.list(MOTHER)).extracting(Child::learner).containsExactly(AZIZ);
        assertThat(platform.count(CountingPlatform.Query.FIND_BY_IDS)).isEqualTo(2);
    }

    @Test
    void learnerThePlatformNoLongerHasIsLeftOut() {
        LearnerId vanished = new LearnerId("L-GONE");
        parents.save(Fixtures.linked(MOTHER, MOTHER_EMAIL, AZIZ.id(), vanished, MALIKA.id()));

        List<Child> children = service.list(MOTHER);

        assertThat(children).extracting(Child::learner).containsExactly(AZIZ, MALIKA);
        // The link is kept: the platform may bring the learner back.
        assertThat(parents.findById(MOTHER).orElseThrow().isLinkedTo(vanished)).isTrue();
    }

    @Test
    void unknownParentHasNoChildrenAndThePlatformIsNotAsked() {
        assertThat(service.list(new TelegramUserId(4242))).isEmpty();
        assertThat(platform.directoryQueries()).isZero();
    }

    @Test
    void parentWithoutLinksHasNoChildrenAndThePlatformIsNotAsked() {
        parents.save(Fixtures.registered(STRANGER));

        assertThat(service.list(STRANGER)).isEmpty();
        assertThat(platform.directoryQueries()).isZero();
    }
}
