package io.mentorium.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorium.adapters.telegram.testing.BotApiCall;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import io.mentorium.adapters.telegram.testing.BotApiStandIn.Draft;
import io.mentorium.adapters.telegram.testing.BotApiStandIn.Edit;
import io.mentorium.application.port.out.Messenger.EditText;
import io.mentorium.application.port.out.Messenger.Keyboard;
import io.mentorium.application.port.out.Messenger.SendResult;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.domain.shared.ChatId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendMessageDraft;

/**
 * Streaming an answer over HTTP to the stand-in, through the client library's HTTP client: drafts
 * ({@code sendMessageDraft}, written without the library's object mapping, as the library would write them) in private
 * chats, and edits, the fallback where drafts are refused.
 */
class TelegramDraftsTest {

    private static final ChatId ANNA = new ChatId(1001);
    private static final Duration WAIT = Duration.ofSeconds(5);
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
    void aDraftIsShownWithItsIdAndHtmlText() {
        SendResult first = messenger.draft(ANNA, 7, "<b>Homework</b> is");
        SendResult second = messenger.draft(ANNA, 7, "<b>Homework</b> is due on Friday");

        assertThat(first).isEqualTo(new SendResult.Sent(Optional.empty()));
        assertThat(second).isEqualTo(new SendResult.Sent(Optional.empty()));
        assertThat(standIn.awaitDrafts(1001, 2, WAIT))
                .extracting(Draft::chatId, Draft::draftId, Draft::text)
                .containsExactly(
                        tuple(1001L, 7, "<b>Homework</b> is"),
                        tuple(1001L, 7, "<b>Homework</b> is due on Friday"));
        BotApiCall call = standIn.drafts(1001).getFirst().call();
        assertThat(call.param("chat_id")).as("the library's Long goes out as a JSON number").containsInstanceOf(
                Number.class);
        assertThat(call.longParam("draft_id")).isEqualTo(7);
        assertThat(call.string("parse_mode")).as("the library spells it in lower case, which Telegram accepts")
                .isEqualToIgnoringCase("HTML");
        assertThat(standIn.sentMessages(1001)).as("a draft is not a message").isEmpty();
    }

    @Test
    void draftsFromManyVirtualThreadsShareOneBoundedSetOfJsonBuffers() throws Exception {
        List<Future<SendResult>> results = new ArrayList<>();
        try (var answers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int chat = 0; chat < 300; chat++) {
                long id = 2_000 + chat;
                results.add(answers.submit(() -> messenger.draft(new ChatId(id), 1, "Dilnoza did well")));
            }
            for (Future<SendResult> result : results) {
                assertThat(result.get()).isEqualTo(new SendResult.Sent(Optional.empty()));
            }
        }
        // Buffers kept per thread (Jackson's default) are not pooled at all: that pool counts -1.
        assertThat(TelegramApi.CLIENT_JSON_BUFFERS.pooledCount()).isBetween(1, 64);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "<b>Dilnoza</b> — 5 of 6 \"tasks\" done\nNext: «fractions» ✓", "a\tb\\c"})
    void aDraftsBodyIsWhatTheLibraryWouldSend(String text) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode library = json.readTree(json.writeValueAsString(SendMessageDraft.builder()
                .chatId(1001L).draftId(7).text(text).parseMode(text.isEmpty() ? null : ParseMode.HTML).build()));
        // The library also writes the method's name, which only a webhook's reply needs: the URL names it here.
        ((ObjectNode) library).remove("method");

        assertThat(json.readTree(SendMessageDraftCall.body(BotApiPost.POOLED_BUFFERS, ANNA, 7, text))).isEqualTo(library);
    }

    @Test
    void aDraftLongerThanAMessageIsRefusedBeforeAnythingIsSent() {
        SendResult result = messenger.draft(ANNA, 1, "x".repeat(SendMessageDraftCall.MAX_TEXT_LENGTH + 1));

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class,
                failed -> assertThat(failed.retryable()).isFalse());
        assertThat(standIn.callsTo("sendMessageDraft")).isEmpty();
    }

    @Test
    void anEmptyDraftIsTheThinkingPlaceholderAndCarriesNoParseMode() {
        SendResult result = messenger.draft(ANNA, 3, "");

        assertThat(result).isEqualTo(new SendResult.Sent(Optional.empty()));
        Draft draft = standIn.awaitDrafts(1001, 1, WAIT).getFirst();
        assertThat(draft.text()).isEmpty();
        assertThat(draft.draftId()).isEqualTo(3);
        assertThat(draft.call().has("parse_mode")).as("nothing to parse in an empty text").isFalse();
    }

    @ParameterizedTest(name = "an older server answering {0}")
    @ValueSource(ints = {400, 404})
    void draftsRefusedByAnOlderServerFailForGood(int status) {
        standIn.refuseDrafts(status);

        SendResult result = messenger.draft(ANNA, 1, "Partial answer");

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
            assertThat(failed.retryable()).as("the caller streams by edits instead").isFalse();
            assertThat(failed.reason()).startsWith("HTTP " + status).doesNotContain(TOKEN_KEY);
        });
        assertThat(standIn.callsTo("sendMessageDraft")).hasSize(1);
        assertThat(standIn.drafts(1001)).isEmpty();
    }

    @Test
    void aDraftToAGroupFailsForGood() {
        SendResult result = messenger.draft(new ChatId(-100_200_300L), 1, "Partial answer");

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class,
                failed -> assertThat(failed.retryable()).isFalse());
        assertThat(standIn.chatsDrafted()).isEmpty();
    }

    @Test
    void aZeroDraftIdIsRefusedBeforeAnythingIsSent() {
        SendResult result = messenger.draft(ANNA, 0, "Partial answer");

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class,
                failed -> assertThat(failed.retryable()).isFalse());
        assertThat(standIn.callsTo("sendMessageDraft")).isEmpty();
    }

    @Test
    void tooManyRequestsBecomesRetryAfterTelegramsDelay() {
        standIn.failNext("sendMessageDraft", 1, 429, Duration.ofSeconds(4));

        assertThat(messenger.draft(ANNA, 1, "Partial")).isEqualTo(new SendResult.RetryAfter(Duration.ofSeconds(4)));
        assertThat(messenger.draft(ANNA, 1, "Partial")).isEqualTo(new SendResult.Sent(Optional.empty()));
    }

    @Test
    void draftsFasterThanTheRateLimitAreToldToWait() {
        standIn.limitDraftRate(Duration.ofSeconds(30));

        SendResult first = messenger.draft(ANNA, 1, "Part");
        SendResult second = messenger.draft(ANNA, 1, "Part two");
        SendResult elsewhere = messenger.draft(new ChatId(2002), 1, "Part");

        assertThat(first).isEqualTo(new SendResult.Sent(Optional.empty()));
        assertThat(second).isInstanceOfSatisfying(SendResult.RetryAfter.class, retry -> assertThat(retry.delay())
                .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(30)));
        assertThat(elsewhere).as("the limit is per chat").isEqualTo(new SendResult.Sent(Optional.empty()));
        assertThat(standIn.drafts(1001)).extracting(Draft::text).containsExactly("Part");
    }

    @Test
    void aDraftToAChatThatBlockedTheBotIsRecipientBlocked() {
        standIn.blockChat(1001);

        assertThat(messenger.draft(ANNA, 1, "Partial")).isEqualTo(new SendResult.RecipientBlocked());
    }

    @Test
    void aServerErrorOnADraftIsRetryable() {
        standIn.failNext("sendMessageDraft", 1, 502);

        SendResult result = messenger.draft(ANNA, 1, "Partial");

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.reason()).contains("502").doesNotContain(TOKEN_KEY);
        });
    }

    @Test
    void streamingByEditsRecordsEachChangeAndAnEditToTheSameTextCountsAsSent() {
        SendResult placeholder = messenger.send(new SendText(ANNA, "…"));
        long messageId = ((SendResult.Sent) placeholder).messageId().orElseThrow();

        SendResult grown = messenger.send(new EditText(ANNA, messageId, "Homework is", Keyboard.Inline.NONE));
        SendResult same = messenger.send(new EditText(ANNA, messageId, "Homework is", Keyboard.Inline.NONE));
        SendResult done = messenger.send(new EditText(ANNA, messageId, "Homework is due on Friday",
                Keyboard.Inline.NONE));

        assertThat(grown).isEqualTo(new SendResult.Sent(Optional.of(messageId)));
        assertThat(same).as("Telegram says not modified: the message shows it").isEqualTo(
                new SendResult.Sent(Optional.of(messageId)));
        assertThat(done).isEqualTo(new SendResult.Sent(Optional.of(messageId)));
        assertThat(standIn.awaitEdits(1001, 2, WAIT))
                .as("the edit that changed nothing is not an edit shown")
                .extracting(Edit::messageId, Edit::text)
                .containsExactly(
                        tuple(messageId, "Homework is"),
                        tuple(messageId, "Homework is due on Friday"));
        assertThat(standIn.callsTo("editMessageText")).hasSize(3);
    }
}
