package io.mentorium.application.service;

import static io.mentorium.application.service.Fixtures.MOTHER;
import static io.mentorium.application.service.Fixtures.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.testing.InMemoryParentRepository;
import io.mentorium.domain.parent.Parent;
import org.junit.jupiter.api.Test;

class ViewParentServiceTest {

    private final InMemoryParentRepository parents = new InMemoryParentRepository();
    private final ViewParentService service = new ViewParentService(parents);

    @Test
    void aRegisteredParentIsFoundWithChildrenAndSettings() {
        Parent mother = Fixtures.linked(MOTHER, Fixtures.MOTHER_EMAIL, Fixtures.AZIZ.id(), Fixtures.MALIKA.id());
        parents.save(mother);

        assertThat(service.find(MOTHER)).contains(mother);
    }

    @Test
    void someoneWhoNeverPressedStartIsNotFound() {
        assertThat(service.find(STRANGER)).isEmpty();
    }
}
