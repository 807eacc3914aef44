package io.mentorium.adapters.telegram;

import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.in.ChatInput.Sender;
import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberUpdated;
import org.telegram.telegrambots.meta.api.objects.message.InaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.payments.PreCheckoutQuery;
import org.telegram.telegrambots.meta.api.objects.payments.RefundedPayment;
import org.telegram.telegrambots.meta.api.objects.payments.SuccessfulPayment;

/**
 * Turns a Telegram update into what the conversation understands. Only private chats with a person are kept: the bot
 * talks to parents one to one, so groups, channels, edits and inline queries are dropped (and thereby confirmed).
 */
final class TelegramUpdateTranslator {

    private static final Logger log = LoggerFactory.getLogger(TelegramUpdateTranslator.class);

    Optional<InboundUpdate> translate(Update update) {
        try {
            Optional<ChatInput> input = input(update);
            if (input.isEmpty()) {
                log.debug("Update {} is nothing the bot handles; skipped", update.getUpdateId());
            }
            return input.map(in -> new InboundUpdate(update.getUpdateId(), in));
        } catch (RuntimeException e) {
            // An update shape the library accepted but we did not foresee (a missing field): dropping it is better
            // than stalling every update behind it.
            log.warn("Update {} could not be translated; skipped", update.getUpdateId(), e);
            return Optional.empty();
        }
    }

    private static Optional<ChatInput> input(Update update) {
        if (update.hasMessage()) {
            return message(update.getMessage());
        }
        if (update.hasCallbackQuery()) {
            return buttonPress(update.getCallbackQuery());
        }
        if (update.hasMyChatMember()) {
            return membership(update.getMyChatMember());
        }
        if (update.hasPreCheckoutQuery()) {
            return preCheckout(update.getPreCheckoutQuery());
        }
        return Optional.empty();
    }

    private static Optional<ChatInput> message(Message message) {
        Optional<Sender> sender = sender(message.getFrom(), message.getChat());
        if (sender.isEmpty()) {
            return Optional.empty();
        }
        if (message.hasText()) {
            return Optional.of(textOrCommand(sender.get(), message.getText()));
        }
        if (message.hasSuccessfulPayment()) {
            return successfulPayment(sender.get(), message.getSuccessfulPayment());
        }
        if (message.getRefundedPayment() != null) {
            return refundedPayment(sender.get(), message.getRefundedPayment());
        }
        return contentKind(message).map(kind -> new ChatInput.Unsupported(sender.get(), kind));
    }

    /**
     * A message starting with {@code /} is a command, which is also exactly when Telegram marks a {@code bot_command}
     * entity at offset 0. {@code /start@MentoriumBot payload} → {@code start}, {@code payload}.
     */
    private static ChatInput textOrCommand(Sender sender, String text) {
        if (text.startsWith("/")) {
            int space = indexOfWhitespace(text);
            String token = space < 0 ? text.substring(1) : text.substring(1, space);
            int at = token.indexOf('@');
            String name = (at < 0 ? token : token.substring(0, at)).toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                String argument = space < 0 ? "" : text.substring(space).strip();
                return new ChatInput.Command(sender, name, argument);
            }
        }
        return new ChatInput.Text(sender, text);
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * What a message without text carries. Service messages (a pinned message, a payment receipt…) are not something
     * the person said, so they are not answered with "I cannot read that": they map to nothing.
     */
    private static Optional<String> contentKind(Message message) {
        String kind;
        if (message.hasSticker()) {
            kind = "sticker";
        } else if (message.hasPhoto()) {
            kind = "photo";
        } else if (message.hasVoice()) {
            kind = "voice";
        } else if (message.hasVideoNote()) {
            kind = "video_note";
        } else if (message.hasVideo()) {
            kind = "video";
        } else if (message.hasAnimation()) {
            // An animation also carries a document (for old clients): test it first.
            kind = "animation";
        } else if (message.hasDocument()) {
            kind = "document";
        } else if (message.hasAudio()) {
            kind = "audio";
        } else if (message.getVenue() != null) {
            kind = "venue";
        } else if (message.hasLocation()) {
            kind = "location";
        } else if (message.hasContact()) {
            kind = "contact";
        } else if (message.hasPoll()) {
            kind = "poll";
        } else if (message.hasDice()) {
            kind = "dice";
        } else if (message.hasGame()) {
            kind = "game";
        } else if (message.hasStory()) {
            kind = "story";
        } else if (message.hasPaidMedia()) {
            kind = "paid_media";
        } else {
            return Optional.empty();
        }
        return Optional.of(kind);
    }

    /**
     * Stars paid. Every field is required by the Bot API; should one be missing, the update is not ours to guess at
     * (a payment without its charge id cannot be applied exactly once), and it is dropped with a warning instead.
     */
    private static Optional<ChatInput> successfulPayment(Sender sender, SuccessfulPayment payment) {
        if (payment.getInvoicePayload() == null || payment.getCurrency() == null
                || payment.getTotalAmount() == null || payment.getTelegramPaymentChargeId() == null) {
            log.warn("A successful payment in chat {} lacks a required field; skipped", sender.chatId());
            return Optional.empty();
        }
        return Optional.of(new ChatInput.SuccessfulPayment(sender, payment.getInvoicePayload(), payment.getCurrency(),
                payment.getTotalAmount(), payment.getTelegramPaymentChargeId()));
    }

    /** Stars given back; the library refuses a notice without any of these fields, so none is null here. */
    private static Optional<ChatInput> refundedPayment(Sender sender, RefundedPayment refund) {
        return Optional.of(new ChatInput.RefundedPayment(sender, refund.getInvoicePayload(), refund.getCurrency(),
                refund.getTotalAmount(), refund.getTelegramPaymentChargeId()));
    }

    /**
     * A pre-checkout query has no chat: it comes from a user, and the invoices we send go to private chats, whose id is
     * the user's id. The receiver has answered it already; this only makes it recorded like any other input.
     */
    private static Optional<ChatInput> preCheckout(PreCheckoutQuery query) {
        User from = query.getFrom();
        if (from == null || from.getId() == null || query.getId() == null || query.getInvoicePayload() == null
                || query.getCurrency() == null || query.getTotalAmount() == null) {
            return Optional.empty();
        }
        return person(from, from.getId()).map(sender -> new ChatInput.PreCheckout(sender, query.getId(),
                query.getInvoicePayload(), query.getCurrency(), query.getTotalAmount()));
    }

    private static Optional<ChatInput> buttonPress(CallbackQuery query) {
        MaybeInaccessibleMessage message = query.getMessage();
        if (message == null || query.getData() == null) {
            // A button under an inline-mode message (no chat) or a game button: nothing of ours.
            return Optional.empty();
        }
        // Telegram no longer shows us a message older than 48 hours; the press still counts, the message id does not.
        long messageId = message instanceof InaccessibleMessage || message.getMessageId() == null
                ? 0 : message.getMessageId();
        return sender(query.getFrom(), message.getChat()).map(sender ->
                new ChatInput.ButtonPress(sender, query.getData(), Optional.ofNullable(query.getId()), messageId));
    }

    private static Optional<ChatInput> membership(ChatMemberUpdated change) {
        if (change.getNewChatMember() == null) {
            return Optional.empty();
        }
        String status = change.getNewChatMember().getStatus();
        Optional<Sender> sender = sender(change.getFrom(), change.getChat());
        if ("kicked".equals(status)) {
            return sender.map(s -> new ChatInput.MembershipChanged(s, true));
        }
        if ("member".equals(status)) {
            return sender.map(s -> new ChatInput.MembershipChanged(s, false));
        }
        return Optional.empty();
    }

    /** The person in a private chat; empty for groups, channels, bots and anonymous senders. */
    private static Optional<Sender> sender(User from, Chat chat) {
        if (chat == null || !"private".equals(chat.getType()) || chat.getId() == null || chat.getId() == 0) {
            return Optional.empty();
        }
        return person(from, chat.getId());
    }

    /** A person (not a bot) writing in the chat {@code chatId}. */
    private static Optional<Sender> person(User from, long chatId) {
        if (from == null || Boolean.TRUE.equals(from.getIsBot()) || from.getId() == null || from.getId() <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Sender(new TelegramUserId(from.getId()), new ChatId(chatId),
                Optional.ofNullable(from.getLanguageCode()).filter(code -> !code.isBlank())));
    }
}
