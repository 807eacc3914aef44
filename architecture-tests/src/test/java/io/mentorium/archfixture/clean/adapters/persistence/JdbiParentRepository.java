package io.mentorium.archfixture.clean.adapters.persistence;

import io.mentorium.archfixture.clean.application.port.out.ParentRepository;
import io.mentorium.archfixture.clean.domain.parent.Parent;
import io.mentorium.archfixture.clean.domain.shared.Email;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Adapters may use their framework; this one never runs, it only has to compile. */
public final class JdbiParentRepository implements ParentRepository {

    private final Jdbi jdbi;

    public JdbiParentRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<Parent> findByEmail(Email email) {
        return jdbi.withHandle(handle -> Optional.empty());
    }

    @Override
    public void save(Parent parent) {
        jdbi.useHandle(handle -> handle.execute("select 1"));
    }
}
