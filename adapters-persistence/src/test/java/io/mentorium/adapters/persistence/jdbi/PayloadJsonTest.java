package io.mentorium.adapters.persistence.jdbi;

import static io.mentorium.application.port.out.contract.PipelineData.AWKWARD_TEXT;
import static io.mentorium.application.port.out.contract.PipelineData.everyInput;
import static io.mentorium.application.port.out.contract.PipelineData.everyMessage;
import static io.mentorium.application.port.out.contract.PipelineData.sender;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.out.Messenger;
import io.mentorium.application.port.out.Messenger.Keyboard;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.domain.report.ReportChart;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PayloadJsonTest {

    @Test
    void every_chat_input_round_trips() {
        for (ChatInput input : everyInput(-100_987_654_321L)) {
            assertThat(PayloadJson.readChatInput(PayloadJson.write(input))).isEqualTo(input);
        }
    }

    @Test
    void every_outgoing_message_and_keyboard_round_trips() {
        for (Outgoing message : everyMessage(7_000_000_123L)) {
            assertThat(PayloadJson.readOutgoing(PayloadJson.write(message))).isEqualTo(message);
        }
    }

    @Test
    void conversation_values_round_trip() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("email", "mom@example.com");
        values.put("text", AWKWARD_TEXT);
        values.put("", "");

        assertThat(PayloadJson.readValues(PayloadJson.write(values))).isEqualTo(values);
        assertThat(PayloadJson.readValues(PayloadJson.write(Map.of()))).isEmpty();
    }

    @Test
    void a_text_is_written_exactly_as_the_mapper_writes_it() {
        String awkward = "Салом \u0000 <b>\"quoted\"</b>\n\ud83d\ude00 \ud800 tab\t end";
        List<Keyboard> keyboards = List.of(new Keyboard.Unchanged(), Keyboard.Inline.NONE,
                new Keyboard.Inline(List.of(List.of(new Messenger.Button("Да ✓", "v1:yes"),
                        new Messenger.Button("No", "v1:no")))),
                new Keyboard.Reply(List.of(List.of("Мои дети", "Help"), List.of("⚙ Settings"))),
                new Keyboard.RemoveReply());
        for (Keyboard keyboard : keyboards) {
            Messenger.SendText text = new Messenger.SendText(new ChatId(-1001234567890L), awkward, keyboard);

            String written = PayloadJson.write(text);

            assertThat(written).isEqualTo(PayloadJson.writeMapped(text));
            assertThat(written).matches("\\p{ASCII}*");
            assertThat(PayloadJson.readOutgoing(written)).isEqualTo(text);
        }
    }

    @Test
    void texts_commands_and_button_presses_are_written_exactly_as_the_mapper_writes_them() {
        String awkward = "Салом \u0000 <b>\"quoted\"</b>\n\ud83d\ude00 \ud800 tab\t end";
        List<ChatInput.Sender> senders = List.of(
                new ChatInput.Sender(new TelegramUserId(7_000_000_123L), new ChatId(-1001234567890L), Optional.of("uz")),
                new ChatInput.Sender(new TelegramUserId(1), new ChatId(1), Optional.empty()),
                new ChatInput.Sender(new TelegramUserId(Long.MAX_VALUE), new ChatId(Long.MIN_VALUE),
                        Optional.of("\"ru\\")));
        for (ChatInput.Sender sender : senders) {
            List<ChatInput> inputs = List.of(new ChatInput.Text(sender, awkward), new ChatInput.Text(sender, "x"),
                    new ChatInput.Command(sender, "start", ""), new ChatInput.Command(sender, "start", awkward),
                    new ChatInput.ButtonPress(sender, "v1:yes", Optional.of("cb-1\"\\"), 0),
                    new ChatInput.ButtonPress(sender, awkward, Optional.empty(), Long.MAX_VALUE));
            for (ChatInput input : inputs) {
                String written = PayloadJson.write(input);

                assertThat(written).isEqualTo(PayloadJson.writeMapped(input));
                assertThat(PayloadJson.readChatInput(written)).isEqualTo(input);
            }
        }
    }

    @Test
    void every_character_and_random_texts_are_escaped_exactly_as_the_mapper_escapes_them() {
        StringBuilder every = new StringBuilder();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            every.append((char) c);
            if (every.length() == 512 || c == Character.MAX_VALUE) {
                assertWrittenAsMapped(every.toString());
                every.setLength(0);
            }
        }
        java.util.Random random = new java.util.Random(20_261_202L);
        String alphabet = "Салом, дунё! Ўзбекча ғ қ ҳ Hello \"x\" \\ / \t\n\r\b\f\u0000\u007f\u0080 ✓ \ud83d\ude00";
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = 1 + random.nextInt(40); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertWrittenAsMapped(text.toString());
        }
    }

    private static void assertWrittenAsMapped(String text) {
        // A message is never blank: the text rides behind a letter.
        Messenger.SendText message = new Messenger.SendText(new ChatId(7), "x" + text, new Keyboard.Unchanged());
        assertThat(PayloadJson.write(message)).isEqualTo(PayloadJson.writeMapped(message));
    }

    @Test
    void the_stored_form_is_compact_with_explicit_type_names_and_ids_as_numbers() {
        ChatInput press = new ChatInput.ButtonPress(sender(42), "v1:menu", Optional.empty(), 7);
        Outgoing edit = new Messenger.EditText(new ChatId(42), 9, "hi", Keyboard.Inline.NONE);

        assertThat(PayloadJson.write(press)).isEqualTo(
                "{\"type\":\"button\",\"sender\":{\"userId\":42,\"chatId\":42,\"languageCode\":\"uz\"},"
                        + "\"data\":\"v1:menu\",\"messageId\":7}");
        assertThat(PayloadJson.write(edit)).isEqualTo(
                "{\"type\":\"edit_text\",\"chatId\":42,\"messageId\":9,\"text\":\"hi\","
                        + "\"buttons\":{\"type\":\"inline\",\"rows\":[]}}");
        assertThat(PayloadJson.kindOf(edit)).isEqualTo("edit_text");
    }

    @Test
    void a_document_is_stored_with_its_bytes_in_base64_and_reads_back_equal() {
        byte[] content = {0x50, 0x4b, 0x03, 0x04, 0, (byte) 0xff};
        Outgoing document = new Messenger.SendDocument(new ChatId(42), "payments.xlsx", content, "<b>Payments</b>");

        String json = PayloadJson.write(document);

        assertThat(json).isEqualTo("{\"type\":\"send_document\",\"chatId\":42,\"fileName\":\"payments.xlsx\","
                + "\"content\":\"UEsDBAD/\",\"caption\":\"<b>Payments</b>\"}");
        assertThat(PayloadJson.readOutgoing(json)).isEqualTo(document);
        assertThat(PayloadJson.kindOf(document)).isEqualTo("send_document");
    }

    @Test
    void stars_payments_and_invoices_are_stored_under_their_own_names_with_amounts_as_numbers() {
        ChatInput preCheckout = new ChatInput.PreCheckout(sender(42), "q-77", "order:9", "XTR", 250);
        ChatInput paid = new ChatInput.SuccessfulPayment(sender(42), "order:9", "XTR", 250, "stx-charge-1");
        Outgoing invoice = new Messenger.SendInvoice(new ChatId(42), "Premium", "30 days", "order:9", 250);

        assertThat(PayloadJson.write(preCheckout)).isEqualTo(
                "{\"type\":\"pre_checkout\",\"sender\":{\"userId\":42,\"chatId\":42,\"languageCode\":\"uz\"},"
                        + "\"queryId\":\"q-77\",\"payload\":\"order:9\",\"currency\":\"XTR\",\"totalAmount\":250}");
        assertThat(PayloadJson.write(paid)).isEqualTo(
                "{\"type\":\"successful_payment\",\"sender\":{\"userId\":42,\"chatId\":42,\"languageCode\":\"uz\"},"
                        + "\"payload\":\"order:9\",\"currency\":\"XTR\",\"totalAmount\":250,"
                        + "\"telegramChargeId\":\"stx-charge-1\"}");
        assertThat(PayloadJson.write(invoice)).isEqualTo(
                "{\"type\":\"send_invoice\",\"chatId\":42,\"title\":\"Premium\",\"description\":\"30 days\","
                        + "\"payload\":\"order:9\",\"stars\":250}");
        assertThat(PayloadJson.kindOf(invoice)).isEqualTo("send_invoice");
        assertThat(PayloadJson.readChatInput(PayloadJson.write(paid))).isEqualTo(paid);
        assertThat(PayloadJson.readOutgoing(PayloadJson.write(invoice))).isEqualTo(invoice);
    }

    @Test
    void a_chart_travels_as_a_few_hundred_bytes_of_data_and_reads_back_equal() {
        ReportChart chart = new ReportChart("Азиза Каримова: минуты занятий по дням", "минуты",
                List.of("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"), "эта неделя", List.of(0, 15, 40, 0, 0, 120, 15),
                "прошлая неделя", List.of(15, 0, 0, 0, 30, 0, 0));
        Messenger.SendChart message = new Messenger.SendChart(new ChatId(42), chart,
                "📊 <b>Азиза Каримова</b>: минуты по дням, эта неделя и прошлая");

        String json = PayloadJson.write(message);

        assertThat(PayloadJson.readOutgoing(json)).isEqualTo(message);
        assertThat(PayloadJson.kindOf(message)).isEqualTo("send_chart");
        // Cyrillic is escaped (six bytes a letter), and still the whole message stays well under a kilobyte.
        assertThat(json.length()).isLessThan(1500);
        assertThat(json).startsWith("{\"type\":\"send_chart\"").doesNotContain("png");
    }

    @Test
    void a_stored_invoice_that_breaks_the_invoice_rules_does_not_read_back() {
        // The record refuses an empty payload; a row that somehow holds one is unreadable rather than sent as is.
        assertThatThrownBy(() -> PayloadJson.readOutgoing("{\"type\":\"send_invoice\",\"chatId\":42,"
                + "\"title\":\"t\",\"description\":\"d\",\"payload\":\"\",\"stars\":5}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void every_variant_of_every_stored_sealed_type_has_a_name_and_no_name_is_used_twice() {
        assertThat(classes(PayloadJson.CHAT_INPUT_TYPES)).containsExactlyInAnyOrder(ChatInput.class.getPermittedSubclasses());
        assertThat(classes(PayloadJson.OUTGOING_TYPES)).containsExactlyInAnyOrder(Outgoing.class.getPermittedSubclasses());
        assertThat(classes(PayloadJson.KEYBOARD_TYPES)).containsExactlyInAnyOrder(Keyboard.class.getPermittedSubclasses());
        for (Map<?, String> names : List.<Map<?, String>>of(PayloadJson.CHAT_INPUT_TYPES, PayloadJson.OUTGOING_TYPES,
                PayloadJson.KEYBOARD_TYPES)) {
            assertThat(names.values()).doesNotHaveDuplicates().allMatch(name -> name.matches("[a-z][a-z_]*"));
        }
    }

    @Test
    void rows_written_by_an_older_version_with_an_extra_property_still_read() {
        String stored = "{\"type\":\"text\",\"sender\":{\"userId\":5,\"chatId\":5},\"text\":\"hi\",\"retired\":1}";

        assertThat(PayloadJson.readChatInput(stored)).isEqualTo(new ChatInput.Text(
                new ChatInput.Sender(new TelegramUserId(5), new ChatId(5),
                        Optional.empty()), "hi"));
    }

    @Test
    void an_unreadable_payload_fails_without_repeating_its_content() {
        assertThatThrownBy(() -> PayloadJson.readChatInput("{\"type\":\"sticker-pack\",\"text\":\"secret Aziza\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("Aziza")
                .hasNoCause();
        assertThatThrownBy(() -> PayloadJson.readOutgoing("{\"type\":\"send_text\",\"chatId\":0,\"text\":\"Aziza\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("Aziza");
        assertThatThrownBy(() -> PayloadJson.readValues("[\"Aziza\"]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("Aziza");
    }

    private static List<Class<?>> classes(Map<? extends Class<?>, String> names) {
        return List.copyOf(names.keySet());
    }
}
