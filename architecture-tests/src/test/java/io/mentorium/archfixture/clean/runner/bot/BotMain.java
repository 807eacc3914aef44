package io.mentorium.archfixture.clean.runner.bot;

import io.mentorium.archfixture.clean.adapters.openai.OpenAiAssistant;
import io.mentorium.archfixture.clean.adapters.payments.InMemoryPaymentLedger;
import io.mentorium.archfixture.clean.adapters.persistence.JdbiParentRepository;
import io.mentorium.archfixture.clean.adapters.telegram.TelegramMessenger;
import io.mentorium.archfixture.clean.adapters.telegram.TelegramUpdateHandler;
import io.mentorium.archfixture.clean.application.service.LinkParentService;
import org.jdbi.v3.core.Jdbi;

/** The composition root: the only place that sees every adapter and the services at once. */
public final class BotMain {

    private BotMain() {
    }

    public static void main(String[] args) {
        Jdbi jdbi = Jdbi.create("jdbc:postgresql://localhost/mentorium");
        LinkParentService linkParent = new LinkParentService(new JdbiParentRepository(jdbi), new TelegramMessenger());
        new TelegramUpdateHandler(linkParent).onLinkCommand("parent@example.org", "123456");
        new OpenAiAssistant().summarise("report");
        new InMemoryPaymentLedger().balanceCents("parent@example.org");
    }
}
