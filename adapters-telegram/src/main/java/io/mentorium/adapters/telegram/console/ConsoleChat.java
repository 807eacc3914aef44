package io.mentorium.adapters.telegram.console;

import io.mentorium.application.port.in.AnswerDirectly;
import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.out.Messenger;
import io.mentorium.application.port.out.Messenger.AnswerCallback;
import io.mentorium.application.port.out.Messenger.Button;
import io.mentorium.application.port.out.Messenger.EditText;
import io.mentorium.application.port.out.Messenger.Keyboard;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Telegram private chat played at a terminal: the person types lines, the conversation answers through
 * {@link AnswerDirectly}, and buttons become numbered choices. It is the same conversation engine the Telegram adapter
 * drives, so a newcomer can try the whole product without a token or a network; it lives next to the Telegram adapter
 * because it renders the same chat model (HTML texts, inline and reply keyboards) for another screen.
 *
 * <p>A line that is only the number of a choice on screen presses that button; anything else is sent as typed, and a
 * line starting with {@code /} is a command. End of input (Ctrl-D) ends the session. A text the conversation sends to
 * another chat (an operator's copy of a support message) is shown marked with that chat, without its buttons.
 */
public final class ConsoleChat {

    private static final Pattern TAG = Pattern.compile("<[^>]+>");
    private static final Pattern CHOICE = Pattern.compile("\\d{1,2}");
    private static final Pattern COMMAND = Pattern.compile("/([A-Za-z0-9_]{1,32})(?:@\\S+)?(?:\\s+(.*))?", Pattern.DOTALL);

    private final AnswerDirectly conversation;
    private final ChatInput.Sender sender;
    private final PrintStream out;
    private final List<Choice> choices = new ArrayList<>();
    private long lastMessageId;

    /** What a number on screen stands for. */
    private sealed interface Choice {

        String label();

        record Press(String label, String data, long messageId) implements Choice {
        }

        record Key(String label) implements Choice {
        }
    }

    public ConsoleChat(AnswerDirectly conversation, ChatInput.Sender sender, PrintStream out) {
        this.conversation = Objects.requireNonNull(conversation, "conversation");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Starts the conversation with {@code /start} and answers lines until the input ends. */
    public void run(BufferedReader in) throws IOException {
        send(new ChatInput.Command(sender, "start", ""));
        String line;
        while (prompt() && (line = in.readLine()) != null) {
            if (!line.isBlank()) {
                send(interpret(line.strip()));
            }
        }
        out.println();
    }

    ChatInput interpret(String line) {
        if (CHOICE.matcher(line).matches()) {
            int number = Integer.parseInt(line);
            if (number >= 1 && number <= choices.size()) {
                return switch (choices.get(number - 1)) {
                    case Choice.Press press -> new ChatInput.ButtonPress(sender, press.data(), Optional.empty(),
                            press.messageId());
                    case Choice.Key key -> new ChatInput.Text(sender, key.label());
                };
            }
        }
        var command = COMMAND.matcher(line);
        if (command.matches()) {
            String argument = command.group(2) == null ? "" : command.group(2).strip();
            return new ChatInput.Command(sender, command.group(1).toLowerCase(Locale.ROOT), argument);
        }
        return new ChatInput.Text(sender, line);
    }

    private boolean prompt() {
        out.print("> ");
        out.flush();
        return true;
    }

    private void send(ChatInput input) {
        List<Outgoing> replies = conversation.answer(input);
        List<Choice> inline = new ArrayList<>();
        List<Choice> keys = new ArrayList<>();
        boolean keyboardShown = false;
        for (Outgoing reply : replies) {
            if (!reply.chatId().equals(sender.chatId())) {
                // Someone else's chat (an operator's copy of a support message, an operator's answer): shown as sent
                // there, so that both sides can be tried at one terminal, but its buttons are not this person's.
                if (reply instanceof SendText text) {
                    print("📨 → chat " + reply.chatId().value() + "\n" + text.text());
                }
                continue;
            }
            switch (reply) {
                case SendText text -> {
                    long id = ++lastMessageId;
                    print(text.text());
                    if (text.keyboard() instanceof Keyboard.Inline buttons && !buttons.rows().isEmpty()) {
                        inline.clear();
                        buttons.rows().forEach(row -> row.forEach(button -> inline.add(press(button, id))));
                    } else if (text.keyboard() instanceof Keyboard.Reply reply1) {
                        keys.clear();
                        reply1.rows().forEach(row -> row.forEach(label -> keys.add(new Choice.Key(label))));
                        keyboardShown = true;
                    } else if (text.keyboard() instanceof Keyboard.RemoveReply) {
                        keys.clear();
                        keyboardShown = true;
                    }
                }
                case EditText edit -> {
                    print(edit.text());
                    inline.clear();
                    edit.buttons().rows().forEach(row -> row.forEach(button -> inline.add(press(button, edit.messageId()))));
                }
                case AnswerCallback answer -> answer.notice().ifPresent(notice -> out.println("  (" + notice + ")"));
                // The console cannot take Stars: it shows the invoice as Telegram would, its pay button as a label
                // that cannot be pressed, and nothing in a language the parent did not choose.
                case Messenger.SendInvoice invoice -> print("⭐ " + invoice.title() + " — " + invoice.description()
                        + "\n[ ⭐ " + invoice.stars() + " ]");
                // The terminal shows no pictures; the console never sends scheduled reports anyway.
                case Messenger.SendChart chart -> print(chart.caption());
                case Messenger.SendDocument document -> print("📎 " + document.fileName() + " (" + document.size()
                        + " bytes)" + (document.caption().isEmpty() ? "" : "\n" + document.caption()));
            }
        }
        if (!keyboardShown) {
            // The reply keyboard stays on a phone's screen until replaced; so do its choices here.
            choices.stream().filter(Choice.Key.class::isInstance).forEach(keys::add);
        }
        choices.clear();
        choices.addAll(inline);
        choices.addAll(keys);
        for (int i = 0; i < choices.size(); i++) {
            out.println("  [" + (i + 1) + "] " + choices.get(i).label());
        }
    }

    private static Choice press(Button button, long messageId) {
        return new Choice.Press(button.label(), button.data(), messageId);
    }

    private void print(String html) {
        out.println();
        out.println(plain(html));
    }

    /** Telegram's HTML subset as plain text: tags dropped, the five escapes undone. */
    static String plain(String html) {
        return TAG.matcher(html).replaceAll("")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
