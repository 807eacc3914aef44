package io.mentorium.application.port.out.contract;

import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.port.out.Messenger;
import io.mentorium.application.port.out.Messenger.Button;
import io.mentorium.application.port.out.Messenger.Keyboard;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.List;
import java.util.Optional;

/**
 * Inputs and messages for the pipeline's stores (inbox, outbox): every variant, with text that tempts a careless
 * serializer (quotes, backslashes, markup, line breaks, non-Latin letters, emoji).
 */
public final class PipelineData {

    public static final String AWKWARD_TEXT = "Salom, \"Aziza\" \\ <b>5+</b> & 'ok'\nНовая строка ✓ 👍";

    private PipelineData() {
    }

    public static ChatInput.Sender sender(long chat) {
        return new ChatInput.Sender(new TelegramUserId(Math.abs(chat)), new ChatId(chat), Optional.of("uz"));
    }

    public static InboundUpdate text(long updateId, long chat) {
        return new InboundUpdate(updateId, new ChatInput.Text(sender(chat), "message " + updateId));
    }

    /** One input of every kind, optional parts both present and absent. */
    public static List<ChatInput> everyInput(long chat) {
        ChatInput.Sender noLanguage = new ChatInput.Sender(new TelegramUserId(Math.abs(chat)), new ChatId(chat),
                Optional.empty());
        return List.of(
                new ChatInput.Text(sender(chat), AWKWARD_TEXT),
                new ChatInput.Text(noLanguage, ""),
                new ChatInput.Command(sender(chat), "start", "deep-link_42"),
                new ChatInput.Command(noLanguage, "help", ""),
                new ChatInput.ButtonPress(sender(chat), "v1:lang:uz", Optional.of("4382094820938"), 9_876_543_210L),
                new ChatInput.ButtonPress(noLanguage, "v1:menu", Optional.empty(), 1),
                new ChatInput.Unsupported(sender(chat), "sticker"),
                new ChatInput.MembershipChanged(sender(chat), true),
                new ChatInput.MembershipChanged(noLanguage, false),
                new ChatInput.PreCheckout(sender(chat), "4382094820938000", "order:0f9c2a", "XTR", 250),
                new ChatInput.PreCheckout(noLanguage, "q-1", AWKWARD_TEXT, "XTR", 1),
                new ChatInput.SuccessfulPayment(sender(chat), "order:0f9c2a", "XTR", 250,
                        "stxAbCdEf0123456789_-charge"),
                new ChatInput.SuccessfulPayment(noLanguage, AWKWARD_TEXT, "XTR", Integer.MAX_VALUE + 1L, "c"),
                new ChatInput.RefundedPayment(sender(chat), "order:0f9c2a", "XTR", 250, "stxAbCdEf-charge"),

                new ChatInput.PreCheckout(sender(chat), "pcq-1", "order_A-1", "XTR", 250),
                new ChatInput.SuccessfulPayment(noLanguage, "order_A-1", "XTR", 250, "stxCharge-1_ä"));
    }

    /** One message of every kind, with every kind of keyboard. */
    public static List<Outgoing> everyMessage(long chat) {
        ChatId chatId = new ChatId(chat);
        Keyboard.Inline buttons = new Keyboard.Inline(List.of(
                List.of(new Button("Русский", "v1:lang:ru"), new Button("O'zbek", "v1:lang:uz")),
                List.of(new Button(AWKWARD_TEXT, "v1:x"))));
        return List.of(
                new Messenger.SendText(chatId, AWKWARD_TEXT),
                new Messenger.SendText(chatId, "menu", new Keyboard.Reply(List.of(List.of("My children", "Settings"),
                        List.of("Help")))),
                new Messenger.SendText(chatId, "inline", buttons),
                new Messenger.SendText(chatId, "no keyboard", new Keyboard.RemoveReply()),
                new Messenger.SendText(chatId, "empty inline", Keyboard.Inline.NONE),
                new Messenger.EditText(chatId, 12_345_678_901L, "<b>edited</b>", buttons),
                new Messenger.EditText(chatId, 7, "edited, buttons gone", Keyboard.Inline.NONE),
                new Messenger.AnswerCallback(chatId, "cb-1", Optional.of("Saved ✓")),
                new Messenger.AnswerCallback(chatId, "cb-2", Optional.empty()),
                new Messenger.SendInvoice(chatId, "Premium · 30 days", AWKWARD_TEXT, "order:0f9c2a", 250),
                new Messenger.SendInvoice(chatId, "Oylik obuna", "Ўзбекча тавсиф", "x", 10_000),

                new Messenger.SendInvoice(chatId, "Mentorium: 1 месяц", AWKWARD_TEXT, "order_A-1", 250));
    }
}
