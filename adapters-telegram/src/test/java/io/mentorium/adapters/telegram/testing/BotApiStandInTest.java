package io.mentorium.adapters.telegram.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stand-in behaves like the Bot API where the adapter depends on it; spoken to with a plain HTTP client. */
class BotApiStandInTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BotApiStandIn standIn = BotApiStandIn.start();
    private final HttpClient http = HttpClient.newHttpClient();
    private final TelegramUpdates.Person anna = TelegramUpdates.person(1001, "ru");

    @AfterEach
    void stop() {
        standIn.close();
        http.close();
    }

    @Test
    void methodNamesAreMatchedWhateverTheirCase() throws Exception {
        for (String spelling : List.of("getMe", "getme", "GETME")) {
            JsonNode answer = json(post(spelling, "{}"));
            assertThat(answer.path("ok").asBoolean()).as(spelling).isTrue();
            assertThat(answer.path("result").path("is_bot").asBoolean()).isTrue();
        }
        assertThat(standIn.callsTo("GetMe")).hasSize(3).allSatisfy(call -> assertThat(call.method()).isEqualTo("getMe"));
    }

    @Test
    void aWrongTokenIsUnauthorized() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(standIn.baseUri().resolve("/bot1:wrong/getMe"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).path("ok").asBoolean()).isFalse();
    }

    @Test
    void updatesStayUntilALaterPollPassesAGreaterOffset() throws Exception {
        List<Long> ids = standIn.enqueueUpdates(anna.text("one"), anna.text("two"));

        JsonNode first = json(post("getUpdates", "{\"offset\":0,\"timeout\":0}")).path("result");
        JsonNode again = json(post("getUpdates", "{\"offset\":0,\"timeout\":0}")).path("result");

        assertThat(first).hasSize(2);
        assertThat(first.get(0).path("update_id").asLong()).isEqualTo(ids.get(0));
        assertThat(first.get(1).path("message").path("text").asText()).isEqualTo("two");
        assertThat(again).as("not confirmed yet, so delivered again").hasSize(2);
        assertThat(standIn.isConfirmed(ids.get(0))).isFalse();

        JsonNode rest = json(post("getUpdates", "{\"offset\":" + (ids.get(0) + 1) + ",\"timeout\":0}")).path("result");

        assertThat(rest).hasSize(1);
        assertThat(rest.get(0).path("update_id").asLong()).isEqualTo(ids.get(1));
        assertThat(standIn.isConfirmed(ids.get(0))).isTrue();
        assertThat(standIn.unconfirmedUpdateIds()).containsExactly(ids.get(1));
        assertThat(standIn.confirmedOffset()).isEqualTo(ids.get(0) + 1);
    }

    @Test
    void aLongPollWaitsUntilAnUpdateArrives() throws Exception {
        CompletableFuture<HttpResponse<String>> poll = postAsync("getUpdates", "{\"timeout\":30}");
        Eventually.until("the poll to wait", () -> standIn.openLongPolls() == 1, WAIT);
        assertThat(poll).isNotDone();

        long id = standIn.enqueueUpdates(anna.command("start")).getFirst();

        JsonNode result = json(poll.get(10, TimeUnit.SECONDS)).path("result");
        assertThat(result).hasSize(1);
        assertThat(result.get(0).path("update_id").asLong()).isEqualTo(id);
        assertThat(result.get(0).path("message").path("entities").get(0).path("type").asText()).isEqualTo("bot_command");
    }

    @Test
    void aSecondLongPollEndsTheFirstWithConflict() throws Exception {
        CompletableFuture<HttpResponse<String>> first = postAsync("getUpdates", "{\"timeout\":30}");
        Eventually.until("the first poll to wait", () -> standIn.openLongPolls() == 1, WAIT);

        HttpResponse<String> second = post("getUpdates", "{\"timeout\":0}");
        HttpResponse<String> firstAnswer = first.get(10, TimeUnit.SECONDS);

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(firstAnswer.statusCode()).isEqualTo(409);
        assertThat(json(firstAnswer).path("description").asText()).startsWith("Conflict: terminated by other getUpdates");
    }

    @Test
    void allowedUpdatesFilterWhatIsDelivered() throws Exception {
        standIn.enqueueUpdates(anna.inlineQuery("x"), anna.text("hello"));

        JsonNode result = json(post("getUpdates", "{\"allowed_updates\":[\"message\"],\"timeout\":0}")).path("result");

        assertThat(result).hasSize(1);
        assertThat(result.get(0).has("message")).isTrue();
        assertThat(standIn.allowedUpdates()).containsExactly("message");
    }

    @Test
    void anInjected429CarriesRetryAfterInTelegramsShape() throws Exception {
        standIn.failNext("sendMessage", 1, 429, Duration.ofSeconds(7));

        HttpResponse<String> limited = post("sendMessage", "{\"chat_id\":1001,\"text\":\"hi\"}");
        HttpResponse<String> next = post("sendMessage", "{\"chat_id\":1001,\"text\":\"hi\"}");

        assertThat(limited.statusCode()).isEqualTo(429);
        JsonNode body = json(limited);
        assertThat(body.path("ok").asBoolean()).isFalse();
        assertThat(body.path("error_code").asInt()).isEqualTo(429);
        assertThat(body.path("parameters").path("retry_after").asInt()).isEqualTo(7);
        assertThat(body.path("description").asText()).startsWith("Too Many Requests");
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(standIn.sentMessages(1001)).hasSize(1);
    }

    @Test
    void formBodiesAreReadAndMessagesGetFreshIds() throws Exception {
        String markup = URLEncoder.encode("{\"inline_keyboard\":[[{\"text\":\"A\",\"callback_data\":\"a\"}]]}",
                StandardCharsets.UTF_8);
        HttpResponse<String> first = send(HttpRequest.newBuilder(method("sendmessage"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("chat_id=1001&text=hello+there&reply_markup=" + markup)).build());
        JsonNode second = json(post("sendMessage", "{\"chat_id\":1001,\"text\":\"again\"}")).path("result");

        JsonNode message = json(first).path("result");
        assertThat(message.path("text").asText()).isEqualTo("hello there");
        assertThat(message.path("chat").path("id").asLong()).isEqualTo(1001);
        assertThat(second.path("message_id").asLong()).isGreaterThan(message.path("message_id").asLong());
        BotApiCall call = standIn.callsTo("sendMessage").getFirst();
        assertThat(call.object("reply_markup")).containsKey("inline_keyboard");
        assertThat(standIn.sentMessages(1001)).extracting(BotApiStandIn.SentMessage::text)
                .containsExactly("hello there", "again");
    }

    @Test
    void aBlockedChatAnswers403AndEditingToTheSameTextIsNotModified() throws Exception {
        long messageId = json(post("sendMessage", "{\"chat_id\":1001,\"text\":\"menu\"}")).path("result")
                .path("message_id").asLong();

        HttpResponse<String> same = post("editMessageText",
                "{\"chat_id\":1001,\"message_id\":" + messageId + ",\"text\":\"menu\"}");
        HttpResponse<String> changed = post("editMessageText",
                "{\"chat_id\":1001,\"message_id\":" + messageId + ",\"text\":\"menu 2\"}");
        standIn.blockChat(1001);
        HttpResponse<String> blocked = post("sendMessage", "{\"chat_id\":1001,\"text\":\"hi\"}");

        assertThat(same.statusCode()).isEqualTo(400);
        assertThat(json(same).path("description").asText()).contains("message is not modified");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(blocked.statusCode()).isEqualTo(403);
        assertThat(json(blocked).path("description").asText()).isEqualTo("Forbidden: bot was blocked by the user");
    }

    @Test
    void aDraftNeedsAPrivateChatANonZeroIdAndAtMost4096VisibleCharacters() throws Exception {
        String bold = "<b>" + "a".repeat(4096) + "</b>";
        HttpResponse<String> shown = post("sendMessageDraft", "{\"chat_id\":1001,\"draft_id\":5,\"text\":\"Thin\"}");
        HttpResponse<String> placeholder = post("sendMessageDraft", "{\"chat_id\":1001,\"draft_id\":5}");
        HttpResponse<String> html = post("sendMessageDraft",
                "{\"chat_id\":1001,\"draft_id\":5,\"parse_mode\":\"HTML\",\"text\":\"" + bold + "\"}");
        HttpResponse<String> group = post("sendMessageDraft", "{\"chat_id\":-1001,\"draft_id\":5,\"text\":\"x\"}");
        HttpResponse<String> zero = post("sendMessageDraft", "{\"chat_id\":1001,\"draft_id\":0,\"text\":\"x\"}");
        HttpResponse<String> noId = post("sendMessageDraft", "{\"chat_id\":1001,\"text\":\"x\"}");
        HttpResponse<String> tooLong = post("sendMessageDraft",
                "{\"chat_id\":1001,\"draft_id\":5,\"text\":\"" + "a".repeat(4097) + "\"}");

        assertThat(json(shown).path("result").asBoolean()).isTrue();
        assertThat(placeholder.statusCode()).isEqualTo(200);
        assertThat(html.statusCode()).as("markup does not count").isEqualTo(200);
        assertThat(List.of(group, zero, noId, tooLong)).allSatisfy(refused -> {
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(json(refused).path("description").asText()).startsWith("Bad Request: ");
        });
        assertThat(standIn.awaitDrafts(1001, 3, WAIT)).extracting(BotApiStandIn.Draft::text)
                .containsExactly("Thin", "", bold);
        assertThat(standIn.draftCount(1001)).isEqualTo(3);
        assertThat(standIn.chatsDrafted()).containsExactly(1001L);
    }

    @Test
    void anOlderServerRefusesDraftsUntilToldOtherwise() throws Exception {
        standIn.refuseDrafts(404);
        HttpResponse<String> notFound = post("sendMessageDraft", "{\"chat_id\":1001,\"draft_id\":1,\"text\":\"x\"}");
        standIn.refuseDrafts(400);
        HttpResponse<String> badRequest = post("sendMessageDraft", "{\"chat_id\":1001,\"draft_id\":1,\"text\":\"x\"}");
        standIn.acceptDrafts();
        HttpResponse<String> accepted = post("sendMessageDraft", "{\"chat_id\":1001,\"draft_id\":1,\"text\":\"x\"}");

        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(json(notFound).path("error_code").asInt()).isEqualTo(404);
        assertThat(badRequest.statusCode()).isEqualTo(400);
        assertThat(json(badRequest).path("description").asText()).isEqualTo("Bad Request: method not found");
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(standIn.drafts(1001)).hasSize(1);
        assertThatThrownBy(() -> standIn.refuseDrafts(500)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRateLimitOnDraftsAnswers429WithRetryAfterPerChat() throws Exception {
        standIn.limitDraftRate(Duration.ofSeconds(10));

        HttpResponse<String> first = post("sendMessageDraft", "{\"chat_id\":1001,\"draft_id\":1,\"text\":\"a\"}");
        HttpResponse<String> tooSoon = post("sendMessageDraft", "{\"chat_id\":1001,\"draft_id\":1,\"text\":\"ab\"}");
        HttpResponse<String> otherChat = post("sendMessageDraft", "{\"chat_id\":2002,\"draft_id\":1,\"text\":\"a\"}");
        standIn.limitDraftRate(Duration.ZERO);
        HttpResponse<String> unlimited = post("sendMessageDraft", "{\"chat_id\":1001,\"draft_id\":1,\"text\":\"ab\"}");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(tooSoon.statusCode()).isEqualTo(429);
        assertThat(json(tooSoon).path("parameters").path("retry_after").asInt()).isBetween(1, 10);
        assertThat(otherChat.statusCode()).isEqualTo(200);
        assertThat(unlimited.statusCode()).isEqualTo(200);
        assertThat(standIn.drafts(1001)).extracting(BotApiStandIn.Draft::text).containsExactly("a", "ab");
    }

    @Test
    void editsThatChangeTheMessageAreRecordedAndForgottenWithTheMessages() throws Exception {
        long messageId = json(post("sendMessage", "{\"chat_id\":1001,\"text\":\"…\"}")).path("result")
                .path("message_id").asLong();
        post("editMessageText", "{\"chat_id\":1001,\"message_id\":" + messageId + ",\"text\":\"Hello\"}");
        post("editMessageText", "{\"chat_id\":1001,\"message_id\":" + messageId + ",\"text\":\"Hello\"}");
        post("sendMessageDraft", "{\"chat_id\":1001,\"draft_id\":1,\"text\":\"x\"}");

        assertThat(standIn.awaitEdits(1001, 1, WAIT)).singleElement().satisfies(edit -> {
            assertThat(edit.messageId()).isEqualTo(messageId);
            assertThat(edit.text()).isEqualTo("Hello");
        });
        standIn.clearSentMessages();
        assertThat(standIn.edits(1001)).isEmpty();
        assertThat(standIn.drafts(1001)).isEmpty();
    }

    @Test
    void awaitingDraftsOrEditsFailsWhenTheyDoNotCome() {
        assertThatThrownBy(() -> standIn.awaitDrafts(1001, 1, Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("drafts in chat 1001");
        assertThatThrownBy(() -> standIn.awaitEdits(1001, 1, Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("edits in chat 1001");
    }

    @Test
    void awaitCallsFailsWhenTheCallsDoNotCome() {
        assertThatThrownBy(
                        () -> standIn.awaitCalls("sendMessage", 1, Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("sendMessage");
    }

    private URI method(String name) {
        return standIn.baseUri().resolve("/bot" + standIn.token() + "/" + name);
    }

    @Test
    void anObserverSeesEachDeliveredUpdateAndEachCallAsTheyHappen() throws Exception {
        List<Long> delivered = new CopyOnWriteArrayList<>();
        List<String> called = new CopyOnWriteArrayList<>();
        standIn.observe(new BotApiStandIn.Observer() {
            @Override
            public void delivering(List<ObjectNode> updates) {
                updates.forEach(update -> delivered.add(update.path("update_id").asLong()));
            }

            @Override
            public void called(BotApiCall call) {
                called.add(call.method());
            }
        });
        List<Long> ids = standIn.enqueueUpdates(anna.text("one"), anna.text("two"));

        post("getUpdates", "{\"offset\":0,\"timeout\":0}");
        post("sendMessage", "{\"chat_id\":1001,\"text\":\"hi\"}");
        standIn.observe(BotApiStandIn.Observer.NONE);
        post("getMe", "{}");

        assertThat(delivered).containsExactlyElementsOf(ids);
        assertThat(called).containsExactly("getUpdates", "sendMessage");
    }

    @Test
    void anObserverSeesWhatTelegramAcceptedBeforeTheClientReadsTheAnswer() throws Exception {
        List<String> accepted = new CopyOnWriteArrayList<>();
        standIn.observe(new BotApiStandIn.Observer() {
            @Override
            public void accepted(BotApiCall call) {
                // Seen from here: messages already sent, answers already written.
                accepted.add(call.method() + " " + call.string("text") + ", " + standIn.sentMessages(1001).size()
                        + " sent, " + standIn.answeredCalls().size() + " answered");
            }
        });

        post("sendMessage", "{\"chat_id\":1001,\"text\":\"hi\"}");
        post("sendMessage", "{\"chat_id\":1001,\"text\":\"\"}");
        standIn.observe(BotApiStandIn.Observer.NONE);

        assertThat(accepted).containsExactly("sendMessage hi, 1 sent, 0 answered");
    }

    @Test
    void aCallPastTheHoldCheckIsStillAnsweredAndAwaitQuietWaitsForIt() throws Exception {
        CountDownLatch accepting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        standIn.observe(new BotApiStandIn.Observer() {
            @Override
            public void accepted(BotApiCall call) {
                // Keeps this call between the hold check and its answer while the test holds the method.
                accepting.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        CompletableFuture<HttpResponse<String>> early = postAsync("sendMessage",
                "{\"chat_id\":1001,\"text\":\"early\"}");
        assertThat(accepting.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        standIn.hold("sendMessage");
        CompletableFuture<HttpResponse<String>> late = postAsync("sendMessage",
                "{\"chat_id\":1001,\"text\":\"late\"}");
        standIn.awaitCalls("sendMessage", 2, WAIT);

        // The late call waits at the hold, so only the early one stays in flight.
        Eventually.until("only the early call in flight", () -> standIn.inFlight("sendMessage") == 1, WAIT);
        assertThatThrownBy(() -> standIn.awaitQuiet("sendMessage", Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class);
        assertThat(standIn.answeredCalls()).isEmpty();

        release.countDown();
        standIn.awaitQuiet("sendMessage", WAIT);

        assertThat(standIn.answeredCalls()).extracting(call -> call.string("text")).containsExactly("early");
        assertThat(early.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(late).isNotDone();
        assertThatThrownBy(() -> standIn.awaitQuiet("getMe", WAIT)).isInstanceOf(IllegalStateException.class);
        standIn.observe(BotApiStandIn.Observer.NONE);
        standIn.dropHeld();
    }

    @Test
    void aStarsInvoiceIsAcceptedOnlyUnderTelegramsRulesForStars() throws Exception {
        String good = "\"chat_id\":1001,\"title\":\"Premium\",\"description\":\"30 days\","
                + "\"payload\":\"order:1\",\"provider_token\":\"\"";
        String price = "\"prices\":[{\"label\":\"Premium\",\"amount\":250}]";
        List<String> refused = List.of(
                "{" + good + ",\"currency\":\"USD\"," + price + "}",
                "{" + good + ",\"currency\":\"XTR\",\"prices\":[{\"label\":\"a\",\"amount\":1},"
                        + "{\"label\":\"b\",\"amount\":1}]}",
                "{" + good.replace("\"provider_token\":\"\"", "\"provider_token\":\"284685063:TEST\"")
                        + ",\"currency\":\"XTR\"," + price + "}",
                "{" + good.replace("Premium\",\"desc", "P".repeat(33) + "\",\"desc") + ",\"currency\":\"XTR\","
                        + price + "}",
                "{" + good.replace("30 days", "d".repeat(256)) + ",\"currency\":\"XTR\"," + price + "}",
                "{" + good.replace("order:1", "p".repeat(129)) + ",\"currency\":\"XTR\"," + price + "}",
                "{" + good.replace("order:1", "") + ",\"currency\":\"XTR\"," + price + "}",
                "{" + good + ",\"currency\":\"XTR\",\"prices\":[{\"label\":\"Premium\",\"amount\":0}]}");
        for (String body : refused) {
            HttpResponse<String> response = post("sendInvoice", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
        }
        assertThat(standIn.invoices(1001)).isEmpty();

        JsonNode sent = json(post("sendInvoice", "{" + good + ",\"currency\":\"XTR\"," + price + "}"));

        assertThat(sent.path("result").path("invoice").path("total_amount").asLong()).isEqualTo(250);
        assertThat(standIn.awaitInvoices(1001, 1, WAIT)).singleElement().satisfies(invoice -> {
            assertThat(invoice.payload()).isEqualTo("order:1");
            assertThat(invoice.stars()).isEqualTo(250);
            assertThat(invoice.messageId()).isEqualTo(sent.path("result").path("message_id").asLong());
        });
        assertThat(post("sendInvoice", "{" + good.replace(",\"provider_token\":\"\"", "")
                + ",\"currency\":\"XTR\"," + price + "}").statusCode()).as("no provider token at all").isEqualTo(200);
    }

    @Test
    void aPreCheckoutQueryIsAnsweredOnceAfterItWasDeliveredAndARefusalNeedsAMessage() throws Exception {
        standIn.enqueueUpdates(anna.preCheckout("pcq-1", "order:1", 5), anna.preCheckout("pcq-2", "order:2", 5));

        assertThat(post("answerPreCheckoutQuery", "{\"pre_checkout_query_id\":\"pcq-1\",\"ok\":true}").statusCode())
                .as("not delivered yet: Telegram never sent it").isEqualTo(400);
        JsonNode delivered = json(post("getUpdates", "{\"timeout\":0}")).path("result");
        assertThat(delivered.get(0).path("pre_checkout_query").path("currency").asText()).isEqualTo("XTR");

        assertThat(post("answerPreCheckoutQuery", "{\"pre_checkout_query_id\":\"pcq-1\",\"ok\":true}").statusCode())
                .isEqualTo(200);
        assertThat(post("answerPreCheckoutQuery", "{\"pre_checkout_query_id\":\"pcq-1\",\"ok\":true}").statusCode())
                .as("answered twice").isEqualTo(400);
        assertThat(post("answerPreCheckoutQuery", "{\"pre_checkout_query_id\":\"pcq-2\",\"ok\":false}").statusCode())
                .as("a refusal without error_message").isEqualTo(400);
        assertThat(post("answerPreCheckoutQuery",
                "{\"pre_checkout_query_id\":\"pcq-2\",\"ok\":false,\"error_message\":\"Sold out\"}").statusCode())
                .isEqualTo(200);

        assertThat(standIn.awaitPreCheckoutAnswer("pcq-2", WAIT).errorMessage()).contains("Sold out");
        assertThat(standIn.preCheckoutAnswers()).extracting(BotApiStandIn.PreCheckoutAnswer::queryId)
                .containsExactly("pcq-1", "pcq-2");
        assertThat(standIn.preCheckoutAnswer("pcq-1").orElseThrow().latency()).isGreaterThanOrEqualTo(Duration.ZERO);
    }

    @Test
    void aChargeIsRefundedOnceToItsPayer() throws Exception {
        ObjectNode payment = anna.paid("order:1", 5, "stx-1");
        standIn.enqueueUpdates(payment);

        assertThat(json(post("refundStarPayment", "{\"user_id\":1002,\"telegram_payment_charge_id\":\"stx-1\"}"))
                .path("description").asText()).isEqualTo("Bad Request: CHARGE_NOT_FOUND");
        assertThat(post("refundStarPayment", "{\"user_id\":1001,\"telegram_payment_charge_id\":\"stx-1\"}")
                .statusCode()).isEqualTo(200);
        assertThat(json(post("refundStarPayment", "{\"user_id\":1001,\"telegram_payment_charge_id\":\"stx-1\"}"))
                .path("description").asText()).isEqualTo("Bad Request: CHARGE_ALREADY_REFUNDED");

        assertThat(standIn.awaitRefunds(1, WAIT)).singleElement()
                .satisfies(refund -> assertThat(refund.chargeId()).isEqualTo("stx-1"));
    }

    @Test
    void aPhotoIsTakenAsAMultipartUploadAndItsBytesAreKept() throws Exception {
        byte[] photo = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, (byte) 0xff, '-', '-'};

        HttpResponse<String> accepted = send(multipart("sendPhoto", photo, "<b>Jasur</b>: " + "x".repeat(1000)));
        HttpResponse<String> tooLong = send(multipart("sendPhoto", photo, "x".repeat(1025)));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        JsonNode message = json(accepted).path("result");
        assertThat(message.path("photo").get(0).path("file_size").asInt()).isEqualTo(photo.length);
        assertThat(message.path("caption").asText()).startsWith("<b>Jasur</b>: x");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(json(tooLong).path("description").asText()).isEqualTo("Bad Request: message caption is too long");
        assertThat(standIn.photos(1001)).singleElement().satisfies(shown -> {
            assertThat(shown.bytes()).isEqualTo(photo);
            assertThat(shown.fileName()).isEqualTo("chart.png");
            assertThat(shown.messageId()).isEqualTo(message.path("message_id").asLong());
        });
        assertThat(json(post("sendPhoto", "{\"chat_id\":1001,\"photo\":\"some-file-id\"}")).path("description")
                .asText()).isEqualTo("Bad Request: the stand-in takes a photo only as an uploaded file");
        assertThat(standIn.sentMessages(1001)).isEmpty();
    }

    /** A body as telegrambots' client builds it: the file in its own part, named by {@code attach://}. */
    private HttpRequest multipart(String name, byte[] file, String caption) {
        String boundary = "b0undary-" + caption.length();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        String fields = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n1001\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"\r\n\r\nattach://chart.png\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"caption\"\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + caption + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"parse_mode\"\r\n\r\nhtml\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"chart.png\"; filename=\"chart.png\""
                + "\r\nContent-Type: application/octet-stream\r\n\r\n";
        body.writeBytes(fields.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(method(name)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    }

    private HttpResponse<String> post(String name, String json) throws IOException, InterruptedException {
        return send(request(name, json));
    }

    private CompletableFuture<HttpResponse<String>> postAsync(String name, String json) {
        return http.sendAsync(request(name, json), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String name, String json) {
        return HttpRequest.newBuilder(method(name)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return TelegramUpdates.JSON.readTree(response.body());
    }
}
