package io.mentorium.archfixture.violating.runner.scheduler;

import io.mentorium.archfixture.violating.adapters.telegram.TelegramMessenger;

public final class SchedulerMain {

    private SchedulerMain() {
    }

    public static void main(String[] args) {
        new TelegramMessenger().send("tick");
    }
}
