package io.mentorium.archfixture.violating.runner.bot;

import io.mentorium.archfixture.violating.adapters.payments.LedgerPayments;
import io.mentorium.archfixture.violating.adapters.persistence.JdbiReportStore;
import io.mentorium.archfixture.violating.adapters.telegram.TelegramMessenger;
import io.mentorium.archfixture.violating.runner.scheduler.SchedulerMain;

/** Wires adapters (allowed for a runner) but also starts the other runner's code. */
public final class BotMain {

    private BotMain() {
    }

    public static String modelName() {
        return "gpt";
    }

    public static void main(String[] args) {
        new JdbiReportStore();
        new TelegramMessenger();
        new LedgerPayments();
        SchedulerMain.main(args);
    }
}
