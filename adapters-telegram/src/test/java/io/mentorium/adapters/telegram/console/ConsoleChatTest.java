package io.mentorium.adapters.telegram.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.out.Messenger;
import io.mentorium.application.port.out.Messenger.AnswerCallback;
import io.mentorium.application.port.out.Messenger.Button;
import io.mentorium.application.port.out.Messenger.EditText;
import io.mentorium.application.port.out.Messenger.Keyboard;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.TelegramUserId;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleChatTest {

    private static final ChatInput.Sender SENDER =
            new ChatInput.Sender(new TelegramUserId(7), new ChatId(7), Optional.of("en"));
    private static final ChatId CHAT = SENDER.chatId();

    private final List<ChatInput> received = new ArrayList<>();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    private String play(String lines, java.util.function.Function<ChatInput, List<Outgoing>> bot) throws Exception {
        ConsoleChat chat = new ConsoleChat(input -> {
            received.add(input);
            return bot.apply(input);
        }, SENDER, new PrintStream(screen, true, StandardCharsets.UTF_8));
        chat.run(new BufferedReader(new StringReader(lines)));
        return screen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void startsWithStartAndShowsButtonsAsNumberedChoices() throws Exception {
        String output = play("", input -> List.of(new SendText(CHAT, "<b>Choose</b> a language &amp; go",
                new Keyboard.Inline(List.of(List.of(new Button("English", "1:lang:en"), new Button("Русский", "1:lang:ru")))))));

        assertThat(received).containsExactly(new ChatInput.Command(SENDER, "start", ""));
        assertThat(output).contains("Choose a language & go").contains("[1] English").contains("[2] Русский")
                .doesNotContain("<b>");
    }

    @Test
    void aNumberPressesTheButtonOfTheMessageShownAndOtherLinesGoAsTyped() throws Exception {
        play("2\n/Help me\naziza@example.com\n42\n", input -> input instanceof ChatInput.Command c && c.name().equals("start")
                ? List.of(new SendText(CHAT, "Pick", new Keyboard.Inline(List.of(List.of(new Button("A", "1:a"),
                        new Button("B", "1:b"))))))
                : List.of(new SendText(CHAT, "ok")));

        assertThat(received).hasSize(5);
        assertThat(received.get(1)).isEqualTo(new ChatInput.ButtonPress(SENDER, "1:b", Optional.empty(), 1));
        assertThat(received.get(2)).isEqualTo(new ChatInput.Command(SENDER, "help", "me"));
        assertThat(received.get(3)).isEqualTo(new ChatInput.Text(SENDER, "aziza@example.com"));
        // "42" is no choice on screen (the last answer had none): it is text, as a code would be.
        assertThat(received.get(4)).isEqualTo(new ChatInput.Text(SENDER, "42"));
    }

    @Test
    void replyKeyboardKeysStayChoicesUntilReplacedAndSendTheirLabel() throws Exception {
        String output = play("1\n2\n", input -> switch (received.size()) {
            case 1 -> List.of(new SendText(CHAT, "Menu", new Keyboard.Reply(List.of(List.of("My children", "Help")))));
            default -> List.of(new SendText(CHAT, "answer " + received.size()));
        });

        assertThat(received.subList(1, 3)).containsExactly(new ChatInput.Text(SENDER, "My children"),
                new ChatInput.Text(SENDER, "Help"));
        assertThat(output).contains("answer 3");
    }

    @Test
    void editsReprintTheMessageWithItsNewButtonsAndCallbackNoticesAreShown() throws Exception {
        String output = play("1\n", input -> received.size() == 1
                ? List.of(new SendText(CHAT, "Settings", new Keyboard.Inline(List.of(List.of(new Button("Language", "1:s:l"))))))
                : List.of(new AnswerCallback(CHAT, "", Optional.of("Saved")),
                        new EditText(CHAT, 1, "Language?", new Keyboard.Inline(List.of(List.of(new Button("English", "1:lang:en")))))));

        assertThat(output).contains("(Saved)").contains("Language?").contains("[1] English");
    }

    @Test
    void anInvoiceIsShownInTheParentsLanguageWithItsPayButtonAsALabelOnly() throws Exception {
        String output = play("1\n", input -> List.of(new Messenger.SendInvoice(CHAT, "Подписка на месяц",
                "Mentorium: отчёты и помощник на 30 дней", "order-1", 500)));

        assertThat(output).contains("⭐ Подписка на месяц — Mentorium: отчёты и помощник на 30 дней")
                .contains("[ ⭐ 500 ]");
        // Nothing but the parent's own words: no English hint beside a Russian invoice.
        assertThat(output.replace("Mentorium", "")).doesNotContainPattern("[A-Za-z]");
        // The pay button is not a choice: "1" goes as typed.
        assertThat(received.get(1)).isEqualTo(new ChatInput.Text(SENDER, "1"));
    }

    @Test
    void aMessageForSomeoneElsesChatIsShownMarkedWithThatChatAndWithoutItsButtons() throws Exception {
        String output = play("", input -> List.of(new SendText(new ChatId(2009), "For the <b>operator</b>",
                        new Keyboard.Inline(List.of(List.of(new Button("Operator's button", "op"))))),
                new SendText(CHAT, "Sent to the support team")));

        assertThat(output).contains("📨 → chat 2009\nFor the operator", "Sent to the support team")
                .doesNotContain("Operator's button", "[1]");
    }

    @Test
    void markupTypedByUsersComesOutAsPlainCharacters() {
        assertThat(ConsoleChat.plain("<i>&lt;script&gt; &amp;amp; &quot;x&quot;</i>")).isEqualTo("<script> &amp; \"x\"");
    }
}
