package io.mentorium.application.port.in;

import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing a person did in a private chat with the bot, already translated from the channel's own format (a Telegram
 * update, a line typed in the console). Only what the conversation needs is kept.
 */
public sealed interface ChatInput {

    Sender sender();

    /**
     * @param languageCode the client's interface language (Telegram's {@code language_code}), used to preselect ours
     */
    record Sender(TelegramUserId userId, ChatId chatId, Optional<String> languageCode) {

        public Sender {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(chatId, "chatId");
            Objects.requireNonNull(languageCode, "languageCode");
        }
    }

    /** Plain text, including the label of a reply-keyboard key. */
    record Text(Sender sender, String text) implements ChatInput {

        public Text {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A bot command such as {@code /start}: {@code name} lower-case without the slash or a {@code @botname} suffix,
     * {@code argument} the rest of the line (empty when none).
     */
    record Command(Sender sender, String name, String argument) implements ChatInput {

        public Command {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(argument, "argument");
        }
    }

    /**
     * An inline button was pressed.
     *
     * @param callbackId the id to answer the press with (the console has none: empty)
     * @param messageId  the message that carried the button
     */
    record ButtonPress(Sender sender, String data, Optional<String> callbackId, long messageId) implements ChatInput {

        public ButtonPress {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(callbackId, "callbackId");
        }
    }

    /** Something the bot does not read: a sticker, photo, voice message, document, location… {@code kind} names it. */
    record Unsupported(Sender sender, String kind) implements ChatInput {

        public Unsupported {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * Telegram asks whether an invoice may still be paid. It was answered on the receiving path already (within the 10
     * seconds Telegram allows); the conversation only records it.
     */
    record PreCheckout(Sender sender, String queryId, String payload, String currency, long totalAmount)
            implements ChatInput {

        public PreCheckout {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(queryId, "queryId");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(currency, "currency");
        }
    }

    /** A Stars payment went through: {@code telegramChargeId} is its idempotency key. */
    record SuccessfulPayment(Sender sender, String payload, String currency, long totalAmount,
                             String telegramChargeId) implements ChatInput {

        public SuccessfulPayment {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(telegramChargeId, "telegramChargeId");
        }
    }

    /**
     * Telegram gave a Stars payment back ({@code refunded_payment}): after our own {@code refundStarPayment}, or one
     * made with the bot's token elsewhere. {@code telegramChargeId} names the payment refunded.
     */
    record RefundedPayment(Sender sender, String payload, String currency, long totalAmount,
                           String telegramChargeId) implements ChatInput {

        public RefundedPayment {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(telegramChargeId, "telegramChargeId");
        }
    }

    /** The person blocked the bot ({@code blocked}) or unblocked / restarted it. */
    record MembershipChanged(Sender sender, boolean blocked) implements ChatInput {

        public MembershipChanged {
            Objects.requireNonNull(sender, "sender");
        }
    }
}
