package io.mentorium.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dagger.BindsInstance;
import dagger.Component;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import io.mentorium.adapters.telegram.testing.TelegramUpdates;
import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.port.in.AnswerPreCheckout;
import io.mentorium.application.port.in.BotCommands;
import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.port.in.ReceiveUpdates;
import io.mentorium.application.port.out.Messenger;
import io.mentorium.application.port.out.StarsRefunds;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Dagger module wires working adapters from settings and in-ports, and the command menu is set per language. */
class TelegramModuleTest {

    @Singleton
    @Component(modules = TelegramModule.class)
    interface TestComponent {

        Messenger messenger();

        TelegramPolling polling();

        TelegramCommandPublisher commandPublisher();

        TelegramApi api();

        StarsRefunds starsRefunds();

        @Component.Factory
        interface Factory {
            TestComponent create(@BindsInstance TelegramSettings settings, @BindsInstance CoreSettings core,
                                 @BindsInstance ReceiveUpdates receiveUpdates, @BindsInstance BotCommands commands);
        }
    }

    /** The runner's graph once billing is there: the application's pre-checkout answer is bound. */
    @Singleton
    @Component(modules = TelegramModule.class)
    interface WithBilling {

        TelegramPolling polling();

        TelegramApi api();

        @Component.Factory
        interface Factory {
            WithBilling create(@BindsInstance TelegramSettings settings, @BindsInstance CoreSettings core,
                               @BindsInstance ReceiveUpdates receiveUpdates, @BindsInstance BotCommands commands,
                               @BindsInstance AnswerPreCheckout answerPreCheckout);
        }
    }

    private static final BotCommands COMMANDS = language -> List.of(
            new BotCommands.Description("start", "Start (" + language.code() + ")"),
            new BotCommands.Description("help", "Help (" + language.code() + ")"));

    private final BotApiStandIn standIn = BotApiStandIn.start();
    private final List<InboundUpdate> received = new CopyOnWriteArrayList<>();
    private WithBilling withBilling;
    private final TestComponent component = DaggerTelegramModuleTest_TestComponent.factory().create(
            new TelegramSettings(Optional.of(standIn.token()), standIn.baseUri(), 25),
            new CoreSettings(ZoneId.of("Asia/Tashkent"), Language.UZ, 3, Set.of(), Map.of(), Map.of()),
            new ReceiveUpdates() {
                @Override
                public int receive(List<InboundUpdate> updates) {
                    received.addAll(updates);
                    return updates.size();
                }

                @Override
                public void reject(long updateId, long chatId, String reason) {
                    throw new AssertionError("no update should be rejected here: " + updateId);
                }
            },
            COMMANDS);

    @AfterEach
    void stop() {
        if (withBilling != null) {
            withBilling.polling().stop();
            withBilling.api().close();
        }
        component.polling().stop();
        component.api().close();
        standIn.close();
    }

    @Test
    void theCommandMenuIsSetForEachLanguageAndTheDefaultInTheDefaultLanguage() {
        List<String> published = component.commandPublisher().publish();

        assertThat(published).containsExactly("ru", "uz", "en", "");
        assertThat(standIn.commands("ru")).contains(List.of(new BotApiStandIn.Command("start", "Start (ru)"),
                new BotApiStandIn.Command("help", "Help (ru)")));
        assertThat(standIn.commands("en").orElseThrow().getFirst().description()).isEqualTo("Start (en)");
        assertThat(standIn.commands("").orElseThrow().getFirst().description())
                .as("clients in other languages see the default language").isEqualTo("Start (uz)");
    }

    @Test
    void aLanguageTelegramRefusesDoesNotStopTheOthers() {
        standIn.failNext("setMyCommands", 1, 500);

        List<String> published = component.commandPublisher().publish();

        assertThat(published).containsExactly("uz", "en", "");
        assertThat(standIn.commandLanguages()).containsExactlyInAnyOrder("uz", "en", "");
    }

    @Test
    void theWiredPollingAndMessengerTalkToTheConfiguredApi() {
        long id = standIn.enqueueUpdates(TelegramUpdates.person(1001, "ru").command("start")).getFirst();

        component.polling().start();
        standIn.awaitConfirmed(id, Duration.ofSeconds(15));
        Messenger.SendResult result = component.messenger().send(new Messenger.SendText(new ChatId(1001), "Salom"));

        assertThat(received).extracting(InboundUpdate::updateId).containsExactly(id);
        assertThat(result).isInstanceOf(Messenger.SendResult.Sent.class);
        assertThat(standIn.sentMessages(1001)).extracting(BotApiStandIn.SentMessage::text).containsExactly("Salom");
        assertThat(component.messenger()).isSameAs(component.messenger());
    }

    @Test
    void withoutBillingBoundAPaymentIsRefusedAndStillReceived() {
        long id = standIn.enqueueUpdates(TelegramUpdates.person(1001, "en").preCheckout("pcq-1", "order:1", 5))
                .getFirst();

        component.polling().start();
        standIn.awaitConfirmed(id, Duration.ofSeconds(15));

        assertThat(standIn.preCheckoutAnswer("pcq-1")).hasValueSatisfying(answer -> assertThat(answer.ok()).isFalse());
        assertThat(received).extracting(InboundUpdate::updateId).containsExactly(id);
    }

    @Test
    void theBoundPreCheckoutAnswerIsTheOneAsked() {
        long id = standIn.enqueueUpdates(TelegramUpdates.person(1001, "en").preCheckout("pcq-2", "order:2", 7))
                .getFirst();
        List<String> asked = new CopyOnWriteArrayList<>();
        withBilling = DaggerTelegramModuleTest_WithBilling.factory().create(
                new TelegramSettings(Optional.of(standIn.token()), standIn.baseUri(), 25),
                new CoreSettings(ZoneId.of("Asia/Tashkent"), Language.UZ, 3, Set.of(), Map.of(), Map.of()),
                new ReceiveUpdates() {
                    @Override
                    public int receive(List<InboundUpdate> updates) {
                        return updates.size();
                    }

                    @Override
                    public void reject(long updateId, long chatId, String reason) {
                    }
                }, COMMANDS, (payload, currency, amount, language) -> {
                    asked.add(payload + " " + amount);
                    return AnswerPreCheckout.Answer.accept();
                });

        withBilling.polling().start();
        standIn.awaitConfirmed(id, Duration.ofSeconds(15));

        assertThat(asked).containsExactly("order:2 7");
        assertThat(standIn.preCheckoutAnswer("pcq-2")).hasValueSatisfying(answer -> assertThat(answer.ok()).isTrue());
    }

    @Test
    void theWiredRefundsTalkToTheConfiguredApi() {
        var payment = TelegramUpdates.person(1001).paid("order:1", 5, "stx-wired");
        standIn.enqueueUpdates(payment);

        assertThat(component.starsRefunds().refund(new TelegramUserId(1001), "stx-wired")).isTrue();
        assertThat(component.starsRefunds()).isSameAs(component.starsRefunds());
    }
}
