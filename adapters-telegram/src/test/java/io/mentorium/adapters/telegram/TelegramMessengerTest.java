package io.mentorium.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.telegram.testing.BotApiCall;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import io.mentorium.application.port.out.Messenger.AnswerCallback;
import io.mentorium.application.port.out.Messenger.Button;
import io.mentorium.application.port.out.Messenger.EditText;
import io.mentorium.application.port.out.Messenger.Keyboard;
import io.mentorium.application.port.out.Messenger.SendInvoice;
import io.mentorium.application.port.out.Messenger.SendResult;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.domain.shared.ChatId;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The messenger through the real telegrambots client over HTTP to the stand-in. */
class TelegramMessengerTest {

    private static final ChatId ANNA = new ChatId(1001);
    private static final String TOKEN_KEY = BotApiStandIn.TOKEN.substring(BotApiStandIn.TOKEN.indexOf(':') + 1);

    private final BotApiStandIn standIn = BotApiStandIn.start();
    private final TelegramApi api = TelegramApi.connect(
            new TelegramSettings(Optional.of(standIn.token()), standIn.baseUri(), 25));
    private final TelegramMessenger messenger = new TelegramMessenger(api);

    @AfterEach
    void stop() {
        api.close();
        standIn.close();
    }

    @Test
    void aDocumentIsUploadedAsMultipartWithItsExactBytesNameAndCaption() {
        byte[] content = new byte[300_000];
        new java.util.Random(7).nextBytes(content);

        SendResult result = messenger.send(new io.mentorium.application.port.out.Messenger.SendDocument(ANNA,
                "payments-2025-03.xlsx", content, "<b>Payments</b>, март"));

        assertThat(standIn.documents(1001)).as(result + " " + standIn.calls()).hasSize(1);
        BotApiStandIn.Document document = standIn.documents(1001).getFirst();
        assertThat(document.content()).isEqualTo(content);
        assertThat(document.fileName()).isEqualTo("payments-2025-03.xlsx");
        assertThat(document.caption()).contains("<b>Payments</b>, март");
        assertThat(document.call().string("parse_mode")).isEqualToIgnoringCase("HTML");
        assertThat(result).isEqualTo(new SendResult.Sent(Optional.of(document.messageId())));
    }

    @Test
    void eachOfManyRepliesGetsItsOwnMessageIdThoughTheEchoedMessageIsLeftUnread() {
        List<SendResult> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // Long and keyboarded: Telegram echoes it all back, after the id the sender stops reading at.
            results.add(messenger.send(new SendText(ANNA, "Отчёт № " + i + " — " + "ё".repeat(3_000),
                    new Keyboard.Inline(List.of(List.of(new Button("Назад " + i, "back:" + i)))))));
        }

        List<Long> sent = standIn.sentMessages(1001).stream().map(BotApiStandIn.SentMessage::messageId).toList();
        assertThat(sent).hasSize(40).doesNotHaveDuplicates();
        assertThat(results).containsExactlyElementsOf(
                sent.stream().map(id -> (SendResult) new SendResult.Sent(Optional.of(id))).toList());
    }

    @Test
    void aTextGoesOutAsHtmlWithoutLinkPreviewAndReturnsTelegramsMessageId() {
        SendResult result = messenger.send(new SendText(ANNA, "<b>Hello</b> &amp; welcome"));

        BotApiCall call = standIn.callsTo("sendMessage").getFirst();
        assertThat(call.longParam("chat_id")).isEqualTo(1001);
        assertThat(call.string("text")).isEqualTo("<b>Hello</b> &amp; welcome");
        assertThat(call.string("parse_mode")).as("the library spells it in lower case, which Telegram accepts")
                .isEqualToIgnoringCase("HTML");
        assertThat(call.object("link_preview_options")).containsEntry("is_disabled", true);
        assertThat(call.has("reply_markup")).as("an unchanged keyboard sends no markup").isFalse();
        long sentId = standIn.sentMessages(1001).getFirst().messageId();
        assertThat(result).isEqualTo(new SendResult.Sent(Optional.of(sentId)));
    }

    @Test
    void aReplyKeyboardIsResizedAndPersistent() {
        messenger.send(new SendText(ANNA, "Menu", new Keyboard.Reply(List.of(List.of("My children", "Report"),
                List.of("Help")))));

        Map<String, Object> markup = standIn.callsTo("sendMessage").getFirst().object("reply_markup");
        assertThat(markup.get("keyboard")).isEqualTo(List.of(
                List.of(Map.of("text", "My children"), Map.of("text", "Report")),
                List.of(Map.of("text", "Help"))));
        assertThat(markup).containsEntry("resize_keyboard", true).containsEntry("is_persistent", true);
    }

    @Test
    void inlineButtonsCarryTheirData() {
        messenger.send(new SendText(ANNA, "Which language?", new Keyboard.Inline(List.of(
                List.of(new Button("Русский", "v1:lang:ru"), new Button("O'zbek", "v1:lang:uz"))))));

        Map<String, Object> markup = standIn.callsTo("sendMessage").getFirst().object("reply_markup");
        assertThat(markup.get("inline_keyboard")).isEqualTo(List.of(List.of(
                Map.of("text", "Русский", "callback_data", "v1:lang:ru"),
                Map.of("text", "O'zbek", "callback_data", "v1:lang:uz"))));
    }

    @Test
    void lettersOfEveryScriptAndEmojiArriveAsTheyWereWritten() throws Exception {
        String text = "📊 Отчёт: Ғайрат, oʻzbekcha — 95/100 ✅ 👨‍👩‍👧";

        messenger.send(new SendText(ANNA, text, new Keyboard.Inline(List.of(List.of(new Button("➕ Добавить", "v1:add"))))));

        BotApiCall call = standIn.callsTo("sendMessage").getFirst();
        assertThat(call.string("text")).isEqualTo(text);
        assertThat(call.object("reply_markup").get("inline_keyboard"))
                .isEqualTo(List.of(List.of(Map.of("text", "➕ Добавить", "callback_data", "v1:add"))));
        // Well-formed UTF-8 (a decoder replaces anything else), emoji as four bytes or escaped pairs alike.
        String body = BotApiPost.write(BotApiPost.PER_THREAD_BUFFERS, 8, json -> json.writeStringField("text", text));
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).get("text").asText()).isEqualTo(text);
        assertThat(body).doesNotContain("\uFFFD").doesNotContain("�");
    }

    @Test
    void removingTheReplyKeyboardSaysSo() {
        messenger.send(new SendText(ANNA, "Send your e-mail", new Keyboard.RemoveReply()));

        assertThat(standIn.callsTo("sendMessage").getFirst().object("reply_markup"))
                .containsEntry("remove_keyboard", true);
    }

    @Test
    void anEditReplacesTextAndButtonsOfTheMessage() {
        long messageId = sentMessageId(messenger.send(new SendText(ANNA, "Is this your child?")));

        SendResult result = messenger.send(new EditText(ANNA, messageId, "Linked <i>Alisher</i>",
                new Keyboard.Inline(List.of(List.of(new Button("Menu", "v1:menu"))))));

        BotApiCall call = standIn.callsTo("editMessageText").getFirst();
        assertThat(call.longParam("chat_id")).isEqualTo(1001);
        assertThat(call.longParam("message_id")).isEqualTo(messageId);
        assertThat(call.string("text")).isEqualTo("Linked <i>Alisher</i>");
        assertThat(call.string("parse_mode")).as("the library spells it in lower case, which Telegram accepts")
                .isEqualToIgnoringCase("HTML");
        assertThat(call.object("reply_markup")).containsKey("inline_keyboard");
        assertThat(result).isEqualTo(new SendResult.Sent(Optional.of(messageId)));
    }

    @Test
    void anEditToTheSameTextCountsAsSent() {
        long messageId = sentMessageId(messenger.send(new SendText(ANNA, "Settings")));

        SendResult result = messenger.send(new EditText(ANNA, messageId, "Settings", Keyboard.Inline.NONE));

        assertThat(standIn.awaitCalls("editMessageText", 1, Duration.ofSeconds(5))).hasSize(1);
        assertThat(result).isEqualTo(new SendResult.Sent(Optional.of(messageId)));
    }

    @Test
    void aCallbackAnswerCarriesTheNotice() {
        SendResult result = messenger.send(new AnswerCallback(ANNA, "cb-77", Optional.of("Saved")));

        BotApiCall call = standIn.callsTo("answerCallbackQuery").getFirst();
        assertThat(call.string("callback_query_id")).isEqualTo("cb-77");
        assertThat(call.string("text")).isEqualTo("Saved");
        assertThat(result).isEqualTo(new SendResult.Sent(Optional.empty()));
    }

    @Test
    void anAnswerToATooOldCallbackCountsAsSent() {
        standIn.failNext("answerCallbackQuery", 1, 400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid");

        SendResult result = messenger.send(new AnswerCallback(ANNA, "cb-1", Optional.empty()));

        assertThat(result).isEqualTo(new SendResult.Sent(Optional.empty()));
    }

    @Test
    void tooManyRequestsBecomesRetryAfterTelegramsDelay() {
        standIn.failNext("sendMessage", 1, 429, Duration.ofSeconds(7));

        SendResult result = messenger.send(new SendText(ANNA, "Hello"));

        assertThat(result).isEqualTo(new SendResult.RetryAfter(Duration.ofSeconds(7)));
    }

    @Test
    void aChatThatBlockedTheBotIsRecipientBlocked() {
        standIn.blockChat(1001);

        assertThat(messenger.send(new SendText(ANNA, "Weekly report"))).isEqualTo(new SendResult.RecipientBlocked());
    }

    @Test
    void aServerErrorIsRetryableAndNamesTheStatusWithoutTheToken() {
        standIn.failNext("sendMessage", 1, 500);

        SendResult result = messenger.send(new SendText(ANNA, "Hello"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.reason()).contains("500").doesNotContain(TOKEN_KEY);
        });
    }

    @Test
    void aBadRequestIsNotRetryable() {
        standIn.failNext("sendMessage", 1, 400, "Bad Request: chat not found");

        SendResult result = messenger.send(new SendText(ANNA, "Hello"));

        assertThat(result).isEqualTo(new SendResult.Failed("HTTP 400: Bad Request: chat not found", false));
    }

    @Test
    void anUnreachableTelegramIsRetryableAndTheReasonHasNoToken() {
        standIn.close();

        SendResult result = messenger.send(new SendText(ANNA, "Hello"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.reason()).isNotBlank().doesNotContain(TOKEN_KEY);
        });
    }

    @Test
    void anAnswerThatIsNotTelegramsIsRetryable() throws Exception {
        // A proxy in front of Telegram answering with its own error page: no error code to go by.
        HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        proxy.createContext("/", exchange -> {
            byte[] page = "<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(502, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        proxy.start();
        TelegramApi behindProxy = TelegramApi.connect(new TelegramSettings(Optional.of(standIn.token()),
                URI.create("http://127.0.0.1:" + proxy.getAddress().getPort()), 25));
        try {
            SendResult result = new TelegramMessenger(behindProxy).send(new SendText(ANNA, "Hello"));

            assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
                assertThat(failed.retryable()).isTrue();
                assertThat(failed.reason()).contains("502").doesNotContain(TOKEN_KEY);
            });
        } finally {
            behindProxy.close();
            proxy.stop(0);
        }
    }

    @Test
    void aPaidBroadcastTextSaysSoAndAReplyNever() {
        TelegramMessenger paying = new TelegramMessenger(api, true);

        paying.sendScheduled(new SendText(ANNA, "Weekly report"));
        paying.send(new SendText(ANNA, "A reply"));

        List<BotApiCall> calls = standIn.callsTo("sendMessage");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).bool("allow_paid_broadcast")).isTrue();
        assertThat(calls.get(1).has("allow_paid_broadcast")).isFalse();
    }

    @Test
    void typingIsShownAndAFailureToShowItIsSwallowed() {
        messenger.showTyping(ANNA);
        standIn.blockChat(2002);
        messenger.showTyping(new ChatId(2002));

        List<BotApiCall> calls = standIn.awaitCalls("sendChatAction", 2, Duration.ofSeconds(5));
        assertThat(calls.getFirst().string("action")).isEqualTo("typing");
        assertThat(calls.getFirst().longParam("chat_id")).isEqualTo(1001);
    }

    @Test
    void aStarsInvoiceGoesOutInXtrWithOnePriceAnEmptyProviderTokenAndThePayload() {
        SendResult result = messenger.send(new SendInvoice(ANNA, "Premium · 30 days", "Reports and the assistant",
                "order:0f9c2a", 250));

        BotApiCall call = standIn.callsTo("sendInvoice").getFirst();
        assertThat(call.longParam("chat_id")).isEqualTo(1001);
        assertThat(call.string("currency")).isEqualTo("XTR");
        assertThat(call.list("prices")).containsExactly(Map.of("label", "Premium · 30 days", "amount", 250));
        assertThat(call.param("provider_token")).as("the library sends the empty token it was given")
                .contains("");
        assertThat(call.string("payload")).isEqualTo("order:0f9c2a");
        assertThat(call.string("title")).isEqualTo("Premium · 30 days");
        assertThat(call.string("description")).isEqualTo("Reports and the assistant");
        BotApiStandIn.Invoice invoice = standIn.invoices(1001).getFirst();
        assertThat(invoice.stars()).isEqualTo(250);
        assertThat(result).isEqualTo(new SendResult.Sent(Optional.of(invoice.messageId())));
    }

    @Test
    void anInvoiceTitleOverTelegramsLimitIsRefusedForGoodWithoutACall() {
        SendResult result = messenger.send(new SendInvoice(ANNA, "A title that is longer than thirty-two characters",
                "d", "order:1", 5));

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class,
                failed -> assertThat(failed.retryable()).isFalse());
        assertThat(standIn.callsTo("sendInvoice")).isEmpty();
    }

    @Test
    void anInvoiceAmountBeyondTheBotApisRangeFailsForGoodWithoutACall() {
        SendResult result = messenger.send(new SendInvoice(ANNA, "Premium", "d", "order:1", 3_000_000_000L));

        assertThat(result).isEqualTo(new SendResult.Failed("invoice amount out of range", false));
        assertThat(standIn.callsTo("sendInvoice")).isEmpty();
    }

    @Test
    void anInvoiceToAChatThatBlockedTheBotSaysSo() {
        standIn.blockChat(1001);

        assertThat(messenger.send(new SendInvoice(ANNA, "Premium", "d", "order:1", 5)))
                .isInstanceOf(SendResult.RecipientBlocked.class);
    }

    private static long sentMessageId(SendResult result) {
        assertThat(result).isInstanceOf(SendResult.Sent.class);
        return ((SendResult.Sent) result).messageId().orElseThrow();
    }
}
