package io.mentorium.archfixture.clean.runner.scheduler;

import io.mentorium.archfixture.clean.adapters.openai.OpenAiAssistant;
import io.mentorium.archfixture.clean.adapters.persistence.JdbiParentRepository;
import io.mentorium.archfixture.clean.adapters.telegram.TelegramMessenger;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

public final class SchedulerMain {

    private SchedulerMain() {
    }

    public static void main(String[] args) {
        new JdbiParentRepository(Jdbi.create("jdbc:postgresql://localhost/mentorium"));
        String summary = new OpenAiAssistant().summarise("weekly report");
        new TelegramMessenger().send(1L, summary, List.of());
    }
}
