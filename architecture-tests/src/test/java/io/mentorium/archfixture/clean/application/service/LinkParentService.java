package io.mentorium.archfixture.clean.application.service;

import io.mentorium.archfixture.clean.application.port.in.LinkParent;
import io.mentorium.archfixture.clean.application.port.in.LinkParentCommand;
import io.mentorium.archfixture.clean.application.port.in.LinkResult;
import io.mentorium.archfixture.clean.application.port.out.Messenger;
import io.mentorium.archfixture.clean.application.port.out.ParentRepository;
import io.mentorium.archfixture.clean.domain.parent.Parent;
import jakarta.inject.Inject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Uses only ports, the domain, slf4j and jakarta.inject: everything the application may use. */
public final class LinkParentService implements LinkParent {

    private static final Logger LOG = LoggerFactory.getLogger(LinkParentService.class);

    private final ParentRepository parents;
    private final Messenger messenger;

    @Inject
    public LinkParentService(ParentRepository parents, Messenger messenger) {
        this.parents = parents;
        this.messenger = messenger;
    }

    @Override
    public LinkResult link(LinkParentCommand command) {
        LOG.debug("Linking {}", command.email());
        if (!"123456".equals(command.code())) {
            return new LinkResult.WrongCode(2);
        }
        Parent parent = parents.findByEmail(command.email()).orElseGet(() -> new Parent(command.email(), List.of()));
        parents.save(parent);
        messenger.send(1L, "linked", List.of(new Messenger.Button("OK", "v1:ok")));
        return new LinkResult.Linked(parent);
    }
}
