package io.mentorium.archfixture.clean.application.port.in;

import io.mentorium.archfixture.clean.domain.shared.Email;
import java.util.Objects;

/** A self-validating command; the enum switch adds a compiler-generated anonymous class to port.in. */
public record LinkParentCommand(Email email, String code, LinkChannel channel) {

    public LinkParentCommand {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(channel, "channel");
    }

    public boolean isInteractive() {
        switch (channel) {
            case TELEGRAM:
                return true;
            default:
                return false;
        }
    }
}
