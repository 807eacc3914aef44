package io.mentorium.archfixture.clean.application.port.out;

import java.util.List;

/** The nested record is part of this port's contract, not a class of its own among the ports. */
public interface Messenger {

    record Button(String label, String data) {
    }

    void send(long chatId, String text, List<Button> buttons);
}
