package io.mentorium.archfixture.host.clean;

import io.mentorium.archfixture.clean.application.port.in.LinkParent;
import io.mentorium.archfixture.clean.application.port.out.Messenger;
import io.mentorium.archfixture.clean.application.port.out.ParentRepository;
import io.mentorium.archfixture.clean.application.service.LinkParentService;

/** A host embedding the clean fixture's core through its ports and a use-case service only. */
public final class CleanHost {

    public LinkParent wire(ParentRepository parents, Messenger messenger) {
        return new LinkParentService(parents, messenger);
    }
}
