package io.mentorium.archfixture.clean.application.port.in;

import io.mentorium.archfixture.clean.domain.parent.Parent;

/** Expected outcomes as data; the pattern switch compiles to java.lang.runtime.SwitchBootstraps. */
public sealed interface LinkResult permits LinkResult.Linked, LinkResult.WrongCode {

    record Linked(Parent parent) implements LinkResult {
    }

    record WrongCode(int attemptsLeft) implements LinkResult {
    }

    default boolean succeeded() {
        return switch (this) {
            case Linked linked -> true;
            case WrongCode wrongCode -> false;
        };
    }
}
