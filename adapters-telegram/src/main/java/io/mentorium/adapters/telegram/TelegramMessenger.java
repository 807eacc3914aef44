package io.mentorium.adapters.telegram;

import io.mentorium.application.port.out.Messenger;
import io.mentorium.domain.shared.ChatId;
import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.ActionType;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendMessageDraft;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.payments.LabeledPrice;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboard;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboardRemove;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.KeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Sends one message per call through the Bot API and says what came of it. No queueing, pacing or retrying here: the
 * outbox relay decides that from the {@link SendResult}.
 */
public final class TelegramMessenger implements Messenger {

    private static final Logger log = LoggerFactory.getLogger(TelegramMessenger.class);
    // Telegram's answer when a 429 carries no retry_after (it always should); short, the relay backs off further.
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    private static final LinkPreviewOptions NO_PREVIEW = LinkPreviewOptions.builder().isDisabled(true).build();

    private final TelegramClient client;
    /** Texts and drafts without the library's object mapping; absent where a test hands in a client of its own. */
    private final Optional<SendMessageCall> texts;
    private final Optional<SendMessageDraftCall> drafts;
    private final TokenScrubber scrubber;
    private final ChartPhotos charts;
    /** {@code TELEGRAM_PAID_BROADCAST}: scheduled texts carry {@code allow_paid_broadcast}. */
    private final boolean paidBroadcast;

    public TelegramMessenger(TelegramApi api) {
        this(api, ChartPhotos.xchart(), false);
    }

    public TelegramMessenger(TelegramApi api, boolean paidBroadcast) {
        this(api, ChartPhotos.xchart(), paidBroadcast);
    }

    public TelegramMessenger(TelegramApi api, ChartPhotos charts) {
        this(api, charts, false);
    }

    public TelegramMessenger(TelegramApi api, ChartPhotos charts, boolean paidBroadcast) {
        this(api.client(), Optional.of(api.sendMessage()), Optional.of(api.sendMessageDraft()), api.scrubber(), charts,
                paidBroadcast);
    }

    TelegramMessenger(TelegramClient client, TokenScrubber scrubber) {
        this(client, scrubber, ChartPhotos.xchart(), false);
    }

    TelegramMessenger(TelegramClient client, TokenScrubber scrubber, boolean paidBroadcast) {
        this(client, scrubber, ChartPhotos.xchart(), paidBroadcast);
    }

    TelegramMessenger(TelegramClient client, TokenScrubber scrubber, ChartPhotos charts) {
        this(client, scrubber, charts, false);
    }

    TelegramMessenger(TelegramClient client, TokenScrubber scrubber, ChartPhotos charts, boolean paidBroadcast) {
        this(client, Optional.empty(), Optional.empty(), scrubber, charts, paidBroadcast);
    }

    private TelegramMessenger(TelegramClient client, Optional<SendMessageCall> texts,
                              Optional<SendMessageDraftCall> drafts, TokenScrubber scrubber, ChartPhotos charts,
                              boolean paidBroadcast) {
        this.client = client;
        this.texts = texts;
        this.drafts = drafts;
        this.scrubber = scrubber;
        this.charts = charts;
        this.paidBroadcast = paidBroadcast;
    }

    @Override
    public SendResult send(Outgoing message) {
        return deliver(prepare(message), false);
    }

    /**
     * Paid broadcast lets a bot send above Telegram's free 30 messages a second, charged in Stars per message beyond
     * it; only scheduled texts and charts use it, never replies (they stay well under the free limit).
     */
    @Override
    public SendResult sendScheduled(Outgoing message) {
        return deliver(prepare(message), paidBroadcast);
    }

    /** A chart is drawn here, so that a relay can draw it ahead of its send on threads of its own. */
    @Override
    public Prepared prepare(Outgoing message) {
        if (message instanceof SendChart chart) {
            return new DrawnChart(chart, charts.png(chart.chart()));
        }
        return new Unprepared(message);
    }

    @Override
    public SendResult send(Prepared prepared, boolean scheduled) {
        return deliver(prepared, scheduled && paidBroadcast);
    }

    /** A chart with its picture drawn, or with none where this machine sends charts as text. */
    private record DrawnChart(SendChart message, Optional<byte[]> png) implements Prepared {
    }

    private SendResult deliver(Prepared prepared, boolean paid) {
        Outgoing message = prepared.message();
        try {
            return switch (message) {
                case SendText text -> texts.isPresent() ? sendText(texts.get(), text, paid)
                        : sent(client.execute(sendMessage(text, paid)));
                case EditText edit -> sent(client.execute(editMessage(edit)));
                case AnswerCallback answer -> {
                    client.execute(answerCallback(answer));
                    yield new SendResult.Sent(Optional.empty());
                }
                case Messenger.SendInvoice invoice -> sent(client.execute(sendInvoice(invoice)));
                case SendChart chart -> sent(sendChart(chart, paid, prepared instanceof DrawnChart drawn
                        ? drawn.png() : charts.png(chart.chart())));
                case Messenger.SendDocument document -> sent(client.execute(sendDocument(document)));
            };
        } catch (TelegramApiException e) {
            SendResult result = outcome(message, TelegramFailure.of(e, scrubber));
            if (e.getCause() instanceof InterruptedException) {
                // The library's execute() swallowed the interrupt while waiting for the answer: keep it visible.
                Thread.currentThread().interrupt();
            }
            return result;
        } catch (ArithmeticException e) {
            // A message id or an invoice amount beyond the Bot API's 32-bit range: a bug upstream, no retry can fix it.
            return new SendResult.Failed(message instanceof Messenger.SendInvoice
                    ? "invoice amount out of range" : "message id out of range", false);
        } catch (RuntimeException e) {
            String reason = TelegramFailure.describe(e, scrubber);
            log.warn("Sending to chat {} failed unexpectedly: {}", message.chatId(), reason);
            return new SendResult.Failed(reason, false);
        }
    }

    @Override
    public void showTyping(ChatId chatId) {
        try {
            client.execute(SendChatAction.builder().chatId(chatId.value()).action(ActionType.TYPING.toString()).build());
        } catch (TelegramApiException | RuntimeException e) {
            log.debug("Typing indicator for chat {} failed: {}", chatId, TelegramFailure.describe(e, scrubber));
        }
    }

    @Override
    public SendResult draft(ChatId chatId, int draftId, String text) {
        try {
            if (drafts.isPresent()) {
                return switch (drafts.get().send(chatId, draftId, text)) {
                    case BotApiPost.Result.Sent sent -> new SendResult.Sent(Optional.empty());
                    case BotApiPost.Result.Refused refused -> failed(refused.failure());
                };
            }
            // The library's chat id is a Long here (a draft goes to a private chat, never to an @channel name); an
            // empty text is the "thinking" placeholder, with nothing to parse.
            client.execute(SendMessageDraft.builder()
                    .chatId(chatId.value())
                    .draftId(draftId)
                    .text(text)
                    .parseMode(text.isEmpty() ? null : ParseMode.HTML)
                    .build());
            return new SendResult.Sent(Optional.empty());
        } catch (TelegramApiException e) {
            // A 4xx (an older Bot API server without the method, a chat that is not private) or a draft the library
            // refused to build will not pass next time: the caller streams by edits instead.
            SendResult result = failed(TelegramFailure.of(e, scrubber));
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return result;
        } catch (RuntimeException e) {
            String reason = TelegramFailure.describe(e, scrubber);
            log.warn("Draft for chat {} failed unexpectedly: {}", chatId, reason);
            return new SendResult.Failed(reason, false);
        }
    }

    /**
     * Drawn at send time (or just ahead of it, see {@link #prepare}), not when queued: a report run queues the chart as
     * a few hundred bytes of data. Where charts cannot be drawn the parent gets the chart's figures as text.
     */
    private Message sendChart(SendChart chart, boolean paid, Optional<byte[]> png) throws TelegramApiException {
        if (png.isEmpty()) {
            return client.execute(sendMessage(new SendText(chart.chatId(), ChartAsText.of(chart)), paid));
        }
        SendPhoto photo = SendPhoto.builder()
                .chatId(chart.chatId().value())
                .allowPaidBroadcast(paid ? Boolean.TRUE : null)
                .photo(new InputFile(new ByteArrayInputStream(png.get()), "chart.png"))
                .caption(chart.caption())
                .parseMode(ParseMode.HTML)
                .build();
        // The builder leaves an empty entity list, which the client would upload as "caption_entities: []" beside
        // parse_mode; the Bot API says to give one or the other, so the caption is left to parse_mode alone.
        photo.setCaptionEntities(null);
        return client.execute(photo);
    }

    private static SendResult sendText(SendMessageCall call, SendText text, boolean paid) {
        return switch (call.send(text, paid)) {
            case BotApiPost.Result.Sent sent -> new SendResult.Sent(sent.messageId());
            case BotApiPost.Result.Refused refused -> outcome(text, refused.failure());
        };
    }

    private static SendResult outcome(Outgoing message, TelegramFailure failure) {
        int code = failure.errorCode();
        if (code == 400 && message instanceof EditText edit && failure.says("message is not modified")) {
            // The message already shows this text: what the edit wanted is true.
            return new SendResult.Sent(Optional.of(edit.messageId()));
        }
        if (code == 400 && message instanceof AnswerCallback
                && (failure.says("query is too old") || failure.says("query id is invalid"))) {
            // The spinner has long stopped by itself; nothing is left to answer.
            return new SendResult.Sent(Optional.empty());
        }
        return failed(failure);
    }

    /** What any failed call comes to. */
    private static SendResult failed(TelegramFailure failure) {
        int code = failure.errorCode();
        if (code == 429) {
            return new SendResult.RetryAfter(failure.retryAfter().orElse(DEFAULT_RETRY_AFTER));
        }
        if (code == 403) {
            return new SendResult.RecipientBlocked();
        }
        if (code >= 400 && code < 500) {
            return new SendResult.Failed(failure.reason(), false);
        }
        // 5xx, a body that was not Telegram's, timeouts and broken connections may all pass on another try; a
        // request the library refused to build will not.
        return new SendResult.Failed(failure.reason(), !failure.rejected());
    }

    private static SendResult sent(Serializable result) {
        return new SendResult.Sent(result instanceof Message sent && sent.getMessageId() != null
                ? Optional.of(sent.getMessageId().longValue()) : Optional.empty());
    }

    private static SendMessage sendMessage(SendText text, boolean paidBroadcast) {
        return SendMessage.builder()
                .chatId(text.chatId().value())
                .text(text.text())
                .parseMode(ParseMode.HTML)
                .linkPreviewOptions(NO_PREVIEW)
                .replyMarkup(markup(text.keyboard()).orElse(null))
                .allowPaidBroadcast(paidBroadcast ? Boolean.TRUE : null)
                .build();
    }

    private static EditMessageText editMessage(EditText edit) {
        return EditMessageText.builder()
                .chatId(edit.chatId().value())
                .messageId(Math.toIntExact(edit.messageId()))
                .text(edit.text())
                .parseMode(ParseMode.HTML)
                .linkPreviewOptions(NO_PREVIEW)
                // Without reply_markup Telegram removes the message's buttons, which is what no buttons means.
                .replyMarkup(edit.buttons().rows().isEmpty() ? null : inline(edit.buttons()))
                .build();
    }

    /** Stars: currency XTR, one price, an empty provider token (apis.md §6). */
    /** Uploaded from memory as multipart form data under the document's own file name. */
    private static org.telegram.telegrambots.meta.api.methods.send.SendDocument sendDocument(
            Messenger.SendDocument document) {
        return org.telegram.telegrambots.meta.api.methods.send.SendDocument.builder()
                .chatId(document.chatId().value())
                .document(new org.telegram.telegrambots.meta.api.objects.InputFile(
                        new java.io.ByteArrayInputStream(document.content()), document.fileName()))
                .caption(document.caption().isEmpty() ? null : document.caption())
                .parseMode(document.caption().isEmpty() ? null : ParseMode.HTML)
                .build();
    }

    // Fully qualified: the Messenger port's own SendInvoice is in scope here under the simple name.
    private static org.telegram.telegrambots.meta.api.methods.invoices.SendInvoice sendInvoice(
            Messenger.SendInvoice invoice) {
        return org.telegram.telegrambots.meta.api.methods.invoices.SendInvoice.builder()
                .chatId(invoice.chatId().value())
                .title(invoice.title())
                .description(invoice.description())
                .payload(invoice.payload())
                .providerToken("")
                .currency("XTR")
                .prices(List.of(new LabeledPrice(invoice.title(), Math.toIntExact(invoice.stars()))))
                .build();
    }

    private static AnswerCallbackQuery answerCallback(AnswerCallback answer) {
        return AnswerCallbackQuery.builder()
                .callbackQueryId(answer.callbackQueryId())
                .text(answer.notice().orElse(null))
                .build();
    }

    private static Optional<ReplyKeyboard> markup(Keyboard keyboard) {
        return switch (keyboard) {
            case Keyboard.Unchanged unchanged -> Optional.empty();
            case Keyboard.Inline inline -> inline.rows().isEmpty() ? Optional.empty() : Optional.of(inline(inline));
            case Keyboard.Reply reply -> Optional.of(ReplyKeyboardMarkup.builder()
                    .keyboard(reply.rows().stream().map(row -> new KeyboardRow(row.toArray(String[]::new))).toList())
                    .resizeKeyboard(true)
                    .isPersistent(true)
                    .build());
            case Keyboard.RemoveReply remove -> Optional.of(ReplyKeyboardRemove.builder().removeKeyboard(true).build());
        };
    }

    private static InlineKeyboardMarkup inline(Keyboard.Inline inline) {
        List<InlineKeyboardRow> rows = inline.rows().stream()
                .map(row -> new InlineKeyboardRow(row.stream()
                        .map(button -> InlineKeyboardButton.builder().text(button.label()).callbackData(button.data())
                                .build())
                        .toList()))
                .toList();
        return InlineKeyboardMarkup.builder().keyboard(rows).build();
    }
}
