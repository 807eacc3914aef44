package io.mentorium.archfixture.clean.adapters.telegram;

import io.mentorium.archfixture.clean.application.port.in.LinkChannel;
import io.mentorium.archfixture.clean.application.port.in.LinkParent;
import io.mentorium.archfixture.clean.application.port.in.LinkParentCommand;
import io.mentorium.archfixture.clean.domain.shared.Email;

/** A driving adapter: it calls a use case through its in-port. */
public final class TelegramUpdateHandler {

    private final LinkParent linkParent;

    public TelegramUpdateHandler(LinkParent linkParent) {
        this.linkParent = linkParent;
    }

    public boolean onLinkCommand(String email, String code) {
        return linkParent.link(new LinkParentCommand(new Email(email), code, LinkChannel.TELEGRAM)).succeeded();
    }
}
