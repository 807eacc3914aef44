package io.mentorium.archfixture.clean.application.port.out;

import io.mentorium.archfixture.clean.domain.parent.Parent;
import io.mentorium.archfixture.clean.domain.shared.Email;
import java.util.Optional;

public interface ParentRepository {

    Optional<Parent> findByEmail(Email email);

    void save(Parent parent);
}
