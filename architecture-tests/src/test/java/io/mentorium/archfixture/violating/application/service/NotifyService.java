package io.mentorium.archfixture.violating.application.service;

import io.mentorium.archfixture.violating.adapters.telegram.TelegramMessenger;

/** Calls an adapter instead of an out-port: breaks the application allow-list and the onion. */
public class NotifyService {

    private final TelegramMessenger messenger = new TelegramMessenger();

    public void notifyParent(String text) {
        messenger.send(text);
    }
}
