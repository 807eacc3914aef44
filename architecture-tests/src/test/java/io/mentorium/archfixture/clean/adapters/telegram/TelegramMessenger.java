package io.mentorium.archfixture.clean.adapters.telegram;

import io.mentorium.archfixture.clean.application.port.out.Messenger;
import java.util.List;

public final class TelegramMessenger implements Messenger {

    @Override
    public void send(long chatId, String text, List<Button> buttons) {
        System.out.println(chatId + ": " + text + " " + buttons);
    }
}
