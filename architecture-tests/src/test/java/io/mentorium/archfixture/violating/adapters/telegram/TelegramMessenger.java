package io.mentorium.archfixture.violating.adapters.telegram;

public class TelegramMessenger {

    public void send(String text) {
        System.out.println(text);
    }
}
