package io.mentorium.application.port.out;

import io.mentorium.domain.report.ReportChart;
import io.mentorium.domain.shared.ChatId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Delivers messages to parents' chats, one call per message. The adapter does not queue, pace or retry: the caller
 * (the outbox relay) decides when to send and what to do with each {@link SendResult}.
 *
 * <p>Texts are HTML as Telegram understands it ({@code <b>}, {@code <i>}, {@code <code>}); whatever came from a user or
 * the platform must be escaped by whoever composed the text.
 */
public interface Messenger {

    SendResult send(Outgoing message);

    /**
     * Sends a message nobody is waiting on at this moment (a scheduled report a relay claimed from the outbox). An
     * adapter may send it differently from a reply: Telegram's {@code allow_paid_broadcast}, when configured.
     */
    default SendResult sendScheduled(Outgoing message) {
        return send(message);
    }

    /**
     * Does now, on the caller's thread, the work sending {@code message} will need besides the call itself (drawing a
     * chart's picture: milliseconds of CPU), so that a relay can do it ahead of the send on threads of its own. Never
     * throws; whatever cannot be prepared is left to the send.
     */
    default Prepared prepare(Outgoing message) {
        return new Unprepared(message);
    }

    /**
     * Sends what {@link #prepare} of this messenger returned, as {@link #send} or, when {@code scheduled},
     * {@link #sendScheduled}.
     */
    default SendResult send(Prepared prepared, boolean scheduled) {
        return scheduled ? sendScheduled(prepared.message()) : send(prepared.message());
    }

    /** A message with the work its send needs done; what that work produced is the messenger's own. */
    interface Prepared {

        Outgoing message();
    }

    /** A message that needed nothing done ahead. */
    record Unprepared(Outgoing message) implements Prepared {

        public Unprepared {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Shows "typing…" in the chat for a few seconds; best effort, never throws. */
    void showTyping(ChatId chatId);

    /**
     * Shows a partial answer as a draft that grows in place (Bot API {@code sendMessageDraft}, private chats only): an
     * ephemeral preview of about 30 seconds that a real message must follow. Never throws. A permanent
     * {@link SendResult.Failed} means this chat (or this Bot API server) refuses drafts: stream by edits instead.
     *
     * @param draftId non-zero; updates with the same id animate as one draft
     * @param text    at most {@link #MAX_TEXT_LENGTH} characters, HTML; empty shows a "thinking…" placeholder
     */
    SendResult draft(ChatId chatId, int draftId, String text);

    /** Something the bot says or does in a chat. */
    sealed interface Outgoing {

        ChatId chatId();

        /** Whether the message counts towards the per-chat pace (callback answers do not). */
        default boolean paced() {
            return true;
        }
    }

    /** A new message. */
    record SendText(ChatId chatId, String text, Keyboard keyboard) implements Outgoing {

        public SendText {
            Objects.requireNonNull(chatId, "chatId");
            requireText(text);
            Objects.requireNonNull(keyboard, "keyboard");
        }

        public SendText(ChatId chatId, String text) {
            this(chatId, text, new Keyboard.Unchanged());
        }
    }

    /** Replaces the text (and inline buttons) of a message the bot sent earlier. */
    record EditText(ChatId chatId, long messageId, String text, Keyboard.Inline buttons) implements Outgoing {

        public EditText {
            Objects.requireNonNull(chatId, "chatId");
            requireText(text);
            Objects.requireNonNull(buttons, "buttons");
        }
    }

    /** Stops the spinner on a pressed inline button, optionally with a short notice. */
    record AnswerCallback(ChatId chatId, String callbackQueryId, Optional<String> notice) implements Outgoing {

        public AnswerCallback {
            Objects.requireNonNull(chatId, "chatId");
            Objects.requireNonNull(callbackQueryId, "callbackQueryId");
            Objects.requireNonNull(notice, "notice");
        }

        @Override
        public boolean paced() {
            return false;
        }
    }

    /**
     * A Telegram Stars invoice (currency {@code XTR}, one price, no provider token). Paying it sends a pre-checkout query
     * and then a successful-payment message carrying {@code payload}.
     *
     * @param payload our order id, 1–128 bytes
     */
    record SendInvoice(ChatId chatId, String title, String description, String payload, long stars)
            implements Outgoing {

        public SendInvoice {
            Objects.requireNonNull(chatId, "chatId");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(payload, "payload");
            int bytes = payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes < 1 || bytes > 128) {
                throw new IllegalArgumentException("invoice payload must be 1-128 bytes, was " + bytes);
            }
            if (stars < 1) {
                throw new IllegalArgumentException("an invoice costs at least one Star");
            }
        }
    }

    /**
     * A report's chart, sent as a photo with {@code caption} under it. It travels as the chart's data and is drawn
     * only when sent, so queueing many reports costs no rendering. Where the sending side cannot draw (no usable
     * fonts), the caption goes out as a text message instead, with the chart's figures as lines.
     *
     * @param caption HTML, at most {@link #MAX_CAPTION_LENGTH} characters
     */
    record SendChart(ChatId chatId, ReportChart chart, String caption)
            implements Outgoing {

        public SendChart {
            Objects.requireNonNull(chatId, "chatId");
            Objects.requireNonNull(chart, "chart");
            Objects.requireNonNull(caption, "caption");
            if (caption.isBlank() || caption.length() > MAX_CAPTION_LENGTH) {
                throw new IllegalArgumentException("a chart caption must be 1-" + MAX_CAPTION_LENGTH
                        + " characters, was " + caption.length());
            }
        }
    }

    /**
     * A file sent as a document (an export). The content travels whole through the outbox, so it is bounded by
     * {@link #MAX_DOCUMENT_BYTES}; whoever builds a larger file must answer with a message instead.
     *
     * @param fileName what the recipient sees and saves, such as {@code payments-2025-03.xlsx}
     * @param caption  shown under the document (HTML, at most {@link #MAX_CAPTION_LENGTH}); empty for none
     */
    record SendDocument(ChatId chatId, String fileName, byte[] content, String caption) implements Outgoing {

        public SendDocument {
            Objects.requireNonNull(chatId, "chatId");
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(caption, "caption");
            if (fileName.isBlank() || fileName.length() > 128 || fileName.contains("/")) {
                throw new IllegalArgumentException("a document needs a plain file name of 1-128 characters");
            }
            if (content.length > MAX_DOCUMENT_BYTES) {
                throw new IllegalArgumentException("document of " + content.length + " bytes is over the limit of "
                        + MAX_DOCUMENT_BYTES + " bytes");
            }
            if (caption.length() > MAX_CAPTION_LENGTH) {
                throw new IllegalArgumentException("caption of " + caption.length() + " characters is over the limit");
            }
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        /** The content's size without copying it. */
        public int size() {
            return content.length;
        }

        // A record compares arrays by identity: compare the bytes, so that a stored document reads back equal.
        @Override
        public boolean equals(Object other) {
            return other instanceof SendDocument that && chatId.equals(that.chatId) && fileName.equals(that.fileName)
                    && java.util.Arrays.equals(content, that.content) && caption.equals(that.caption);
        }

        @Override
        public int hashCode() {
            return Objects.hash(chatId, fileName, java.util.Arrays.hashCode(content), caption);
        }

        @Override
        public String toString() {
            return "SendDocument[" + chatId + ", " + fileName + ", " + content.length + " bytes]";
        }
    }

    /** Buttons shown with a message. */
    sealed interface Keyboard {

        /** Leave whatever reply keyboard the chat shows as it is. */
        record Unchanged() implements Keyboard {
        }

        /** Buttons under the message; pressing one sends its {@code data} back (at most 64 bytes). */
        record Inline(List<List<Button>> rows) implements Keyboard {

            public static final Inline NONE = new Inline(List.of());

            public Inline {
                rows = rows.stream().map(List::copyOf).toList();
            }
        }

        /** The persistent keyboard that replaces the phone's keyboard; pressing a key sends its label as text. */
        record Reply(List<List<String>> rows) implements Keyboard {

            public Reply {
                rows = rows.stream().map(List::copyOf).toList();
            }
        }

        /** Removes the reply keyboard. */
        record RemoveReply() implements Keyboard {
        }
    }

    record Button(String label, String data) {

        /** Telegram's limit for callback data. */
        public static final int MAX_DATA_BYTES = 64;

        public Button {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(data, "data");
            int bytes = data.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes < 1 || bytes > MAX_DATA_BYTES) {
                throw new IllegalArgumentException("button data must be 1-64 bytes, was " + bytes);
            }
        }
    }

    sealed interface SendResult {

        /** Accepted; {@code messageId} is Telegram's id of the message when there is one. */
        record Sent(Optional<Long> messageId) implements SendResult {
        }

        /** The parent blocked the bot (or deleted their account): stop sending until they write again. */
        record RecipientBlocked() implements SendResult {
        }

        /** Over a limit: send the same message again after {@code delay}. */
        record RetryAfter(Duration delay) implements SendResult {
        }

        /** Not sent; {@code retryable} tells whether the same message may succeed later (5xx, network). */
        record Failed(String reason, boolean retryable) implements SendResult {
        }
    }

    /** Telegram's limit for one message's text. */
    int MAX_TEXT_LENGTH = 4096;

    /** Telegram's limit for a photo's or a document's caption. */
    int MAX_CAPTION_LENGTH = 1024;

    /**
     * The largest document the bot sends: far below Telegram's 50 MB, because the file travels base64-encoded in an
     * outbox row.
     */
    int MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

    private static void requireText(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("empty message");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            // Markup does not count towards Telegram's limit, so this is stricter than Telegram: a composer bug, not
            // something a user can cause, since nothing a user typed is ever echoed whole.
            throw new IllegalArgumentException("message of " + text.length() + " characters is over the limit");
        }
    }
}
