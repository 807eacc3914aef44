package io.mentorium.application.conversation;

import java.util.Arrays;
import java.util.Optional;

/** Where a chat is in a multi-step flow, with the token it is stored under. */
enum Step {
    /** Linking a child: waiting for the guardian e-mail. */
    AWAIT_EMAIL("email"),
    /** Linking a child: e-mail given, waiting for the link code. */
    AWAIT_CODE("code"),
    /** Linking a child: the code matched, waiting for "yes, this is my child". */
    CONFIRM_CHILD("confirm-child"),
    /** Settings: the quiet-hours screen is open and the parent may type their own hours. */
    AWAIT_QUIET_HOURS("quiet-hours"),
    /** Payment support: /paysupport was sent, waiting for the message for the support team. */
    AWAIT_SUPPORT_MESSAGE("support");

    private final String token;

    Step(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }

    /** Empty for a token no longer known (a state written by another version): treated as no state. */
    static Optional<Step> fromToken(String token) {
        return Arrays.stream(values()).filter(step -> step.token.equals(token)).findFirst();
    }
}
