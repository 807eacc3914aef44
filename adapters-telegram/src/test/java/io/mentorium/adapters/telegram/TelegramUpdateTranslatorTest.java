package io.mentorium.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorium.adapters.telegram.testing.TelegramUpdates;
import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.telegram.telegrambots.meta.api.objects.Update;

/** Updates are read from Telegram's JSON with the library's own mapping, as they arrive from a poll. */
class TelegramUpdateTranslatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TelegramUpdates.Person ANNA = TelegramUpdates.person(1001, "uz");
    private static final ChatInput.Sender ANNA_SENDER =
            new ChatInput.Sender(new TelegramUserId(1001), new ChatId(1001), Optional.of("uz"));

    private final TelegramUpdateTranslator translator = new TelegramUpdateTranslator();

    @Test
    void privateTextBecomesTextWithTheSenderAndTheUpdateId() {
        Optional<InboundUpdate> inbound = translate(ANNA.text("Hello <b>there</b>"), 42);

        assertThat(inbound).contains(new InboundUpdate(42, new ChatInput.Text(ANNA_SENDER, "Hello <b>there</b>")));
    }

    @Test
    void aSenderWithoutLanguageCodeHasNone() {
        ChatInput input = input(TelegramUpdates.person(7).text("hi"));

        assertThat(input.sender().languageCode()).isEmpty();
    }

    @Test
    void aCommandIsLowerCasedWithoutTheBotNameAndKeepsItsArgument() {
        ChatInput input = input(ANNA.text("/START@MentoriumBot  ref-42 x"));

        assertThat(input).isEqualTo(new ChatInput.Command(ANNA_SENDER, "start", "ref-42 x"));
    }

    @Test
    void aCommandWithAnEntityAndNoArgumentHasAnEmptyArgument() {
        assertThat(input(ANNA.command("help"))).isEqualTo(new ChatInput.Command(ANNA_SENDER, "help", ""));
    }

    @Test
    void aLoneSlashIsText() {
        assertThat(input(ANNA.text("/"))).isEqualTo(new ChatInput.Text(ANNA_SENDER, "/"));
        assertThat(input(ANNA.text("/ hello"))).isEqualTo(new ChatInput.Text(ANNA_SENDER, "/ hello"));
    }

    @Test
    void aButtonPressCarriesDataCallbackIdAndMessageId() {
        ChatInput input = input(ANNA.pressed(555, "v1:menu"));

        assertThat(input).isInstanceOfSatisfying(ChatInput.ButtonPress.class, press -> {
            assertThat(press.sender()).isEqualTo(ANNA_SENDER);
            assertThat(press.data()).isEqualTo("v1:menu");
            assertThat(press.callbackId()).hasValueSatisfying(id -> assertThat(id).startsWith("cb-"));
            assertThat(press.messageId()).isEqualTo(555);
        });
    }

    @Test
    void aPressOnAnInaccessibleMessageStillMapsWithMessageIdZero() {
        ChatInput input = input(ANNA.pressedOnInaccessibleMessage(555, "v1:menu"));

        assertThat(input).isInstanceOfSatisfying(ChatInput.ButtonPress.class, press -> {
            assertThat(press.data()).isEqualTo("v1:menu");
            assertThat(press.messageId()).isZero();
            assertThat(press.sender().chatId()).isEqualTo(new ChatId(1001));
        });
    }

    static Stream<Arguments> unsupportedContent() {
        return Stream.of(
                Arguments.of("sticker", (Function<TelegramUpdates.Person, ObjectNode>) TelegramUpdates.Person::sticker),
                Arguments.of("photo", (Function<TelegramUpdates.Person, ObjectNode>) TelegramUpdates.Person::photo),
                Arguments.of("voice", (Function<TelegramUpdates.Person, ObjectNode>) TelegramUpdates.Person::voice),
                Arguments.of("video", (Function<TelegramUpdates.Person, ObjectNode>) TelegramUpdates.Person::video),
                Arguments.of("video_note",
                        (Function<TelegramUpdates.Person, ObjectNode>) TelegramUpdates.Person::videoNote),
                Arguments.of("document",
                        (Function<TelegramUpdates.Person, ObjectNode>) TelegramUpdates.Person::document),
                Arguments.of("audio", (Function<TelegramUpdates.Person, ObjectNode>) TelegramUpdates.Person::audio),
                Arguments.of("location",
                        (Function<TelegramUpdates.Person, ObjectNode>) TelegramUpdates.Person::location),
                Arguments.of("contact", (Function<TelegramUpdates.Person, ObjectNode>) TelegramUpdates.Person::contact),
                Arguments.of("poll", (Function<TelegramUpdates.Person, ObjectNode>) TelegramUpdates.Person::poll));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupportedContent")
    void contentWithoutTextIsUnsupportedAndNamed(String kind, Function<TelegramUpdates.Person, ObjectNode> update) {
        assertThat(input(update.apply(ANNA))).isEqualTo(new ChatInput.Unsupported(ANNA_SENDER, kind));
    }

    @Test
    void blockingAndUnblockingTheBotAreMembershipChanges() {
        assertThat(input(ANNA.blockedBot())).isEqualTo(new ChatInput.MembershipChanged(ANNA_SENDER, true));
        assertThat(input(ANNA.unblockedBot())).isEqualTo(new ChatInput.MembershipChanged(ANNA_SENDER, false));
    }

    @Test
    void groupsChannelsEditsAndInlineQueriesAreSkipped() {
        assertThat(translate(TelegramUpdates.groupText(-100500, ANNA, "/start"), 1)).isEmpty();
        assertThat(translate(TelegramUpdates.channelPost(-100600, "news"), 2)).isEmpty();
        assertThat(translate(ANNA.editedText("changed"), 3)).isEmpty();
        assertThat(translate(ANNA.inlineQuery("report"), 4)).isEmpty();
    }

    @Test
    void aServiceMessageIsSkippedNotAnsweredAsUnsupported() {
        ObjectNode pinned = ANNA.text("x");
        ObjectNode message = (ObjectNode) pinned.get("message");
        message.remove("text");
        message.putObject("write_access_allowed");

        assertThat(translate(pinned, 5)).isEmpty();
    }

    @Test
    void anUpdateFromABotIsSkipped() {
        ObjectNode update = ANNA.text("hi");
        ((ObjectNode) update.get("message").get("from")).put("is_bot", true);

        assertThat(translate(update, 6)).isEmpty();
    }

    @Test
    void aPreCheckoutQueryComesFromItsPayerWhosePrivateChatIsTheirUserId() {
        ChatInput input = input(ANNA.preCheckout("pcq-9", "order:0f9c", 250));

        assertThat(input).isEqualTo(new ChatInput.PreCheckout(ANNA_SENDER, "pcq-9", "order:0f9c", "XTR", 250));
    }

    @Test
    void aPreCheckoutQueryFromABotIsNotOurs() {
        ObjectNode update = ANNA.preCheckout("pcq-10", "order:1", 5);
        ((ObjectNode) update.get("pre_checkout_query").get("from")).put("is_bot", true);

        assertThat(translate(update, 1)).isEmpty();
    }

    @Test
    void aSuccessfulPaymentCarriesPayloadAmountCurrencyAndTheChargeId() {
        ChatInput input = input(ANNA.paid("order:0f9c", 250, "stxAbC-123_charge"));

        assertThat(input).isEqualTo(new ChatInput.SuccessfulPayment(ANNA_SENDER, "order:0f9c", "XTR", 250,
                "stxAbC-123_charge"));
    }

    @Test
    void aSuccessfulPaymentWithoutItsChargeIdIsDroppedRatherThanGuessedAt() {
        ObjectNode update = ANNA.paid("order:1", 5, "x");
        ((ObjectNode) update.get("message").get("successful_payment")).remove("telegram_payment_charge_id");

        assertThat(translate(update, 1)).isEmpty();
    }

    @Test
    void theRefundNoticeCarriesTheOrderAndTheChargeRefunded() {
        assertThat(input(ANNA.refunded("order:1", 5, "stx-1")))
                .isEqualTo(new ChatInput.RefundedPayment(ANNA_SENDER, "order:1", "XTR", 5, "stx-1"));
    }


    private ChatInput input(ObjectNode update) {
        return translate(update, 1).orElseThrow().input();
    }

    private Optional<InboundUpdate> translate(ObjectNode update, int updateId) {
        ObjectNode numbered = update.deepCopy().put("update_id", updateId);
        try {
            return translator.translate(JSON.treeToValue(numbered, Update.class));
        } catch (JsonProcessingException e) {
            throw new AssertionError("the library could not read " + numbered, e);
        }
    }
}
