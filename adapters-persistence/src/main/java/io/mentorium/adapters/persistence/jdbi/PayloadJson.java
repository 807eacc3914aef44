package io.mentorium.adapters.persistence.jdbi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.out.Messenger;
import io.mentorium.application.port.out.Messenger.Keyboard;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.TelegramUserId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * The JSON stored in the {@code payload} and {@code state_values} columns. The application's types carry no Jackson
 * annotations: a mix-in puts a {@code type} property on each sealed interface, and each variant's short name is listed
 * here explicitly because it is stored data — renaming a record must not orphan the rows written before. Ids serialize as plain numbers, empty optionals are
 * omitted (and read back as empty), and unknown properties are ignored so that dropping a record component later does
 * not break old rows.
 *
 * <p>Never put a payload into an exception message or a log: it holds what parents typed.
 */
final class PayloadJson {

    /** Stored type names: never change one, only add. */
    static final Map<Class<? extends ChatInput>, String> CHAT_INPUT_TYPES = Map.of(
            ChatInput.Text.class, "text",
            ChatInput.Command.class, "command",
            ChatInput.ButtonPress.class, "button",
            ChatInput.Unsupported.class, "unsupported",
            ChatInput.MembershipChanged.class, "membership",
            ChatInput.PreCheckout.class, "pre_checkout",
            ChatInput.SuccessfulPayment.class, "successful_payment",
            ChatInput.RefundedPayment.class, "refunded_payment");
    static final Map<Class<? extends Outgoing>, String> OUTGOING_TYPES = Map.of(
            Messenger.SendText.class, "send_text",
            Messenger.EditText.class, "edit_text",
            Messenger.AnswerCallback.class, "answer_callback",
            Messenger.SendInvoice.class, "send_invoice",
            Messenger.SendChart.class, "send_chart",
            Messenger.SendDocument.class, "send_document");
    static final Map<Class<? extends Keyboard>, String> KEYBOARD_TYPES = Map.of(
            Keyboard.Unchanged.class, "unchanged",
            Keyboard.Inline.class, "inline",
            Keyboard.Reply.class, "reply",
            Keyboard.RemoveReply.class, "remove_reply");

    /** Put on each sealed interface: the variant's name goes in a {@code type} property. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    private interface TypeNameMixIn {
    }

    private static final ObjectMapper MAPPER = mapper();

    private static final ObjectWriter CHAT_INPUT_WRITER = MAPPER.writerFor(ChatInput.class);
    private static final ObjectReader CHAT_INPUT_READER = MAPPER.readerFor(ChatInput.class);
    private static final ObjectWriter OUTGOING_WRITER = MAPPER.writerFor(Outgoing.class);
    private static final ObjectReader OUTGOING_READER = MAPPER.readerFor(Outgoing.class);
    private static final ObjectWriter VALUES_WRITER = MAPPER.writerFor(new TypeReference<Map<String, String>>() { });
    private static final ObjectReader VALUES_READER = MAPPER.readerFor(new TypeReference<Map<String, String>>() { });

    private PayloadJson() {
    }

    /**
     * An update as stored in the inbox. Text, commands and button presses — nearly every update — are written
     * directly, in exactly the form the mapper writes (PayloadJsonTest compares the two): the mapper's bean
     * serialisation of each received update was a fourteenth of the receiving thread's samples (docs/PERFORMANCE.md).
     */
    static String write(ChatInput input) {
        return switch (input) {
            case ChatInput.Text text -> {
                AsciiJson json = opened(CHAT_INPUT_TYPES.get(ChatInput.Text.class), text.sender(),
                        AsciiJson.escapedLength(text.text()));
                yield json.ascii(",\"text\":").quoted(text.text()).ascii("}").toString();
            }
            case ChatInput.Command command -> {
                AsciiJson json = opened(CHAT_INPUT_TYPES.get(ChatInput.Command.class), command.sender(),
                        AsciiJson.escapedLength(command.name()) + AsciiJson.escapedLength(command.argument()));
                yield json.ascii(",\"name\":").quoted(command.name()).ascii(",\"argument\":")
                        .quoted(command.argument()).ascii("}").toString();
            }
            case ChatInput.ButtonPress press -> {
                AsciiJson json = opened(CHAT_INPUT_TYPES.get(ChatInput.ButtonPress.class), press.sender(),
                        AsciiJson.escapedLength(press.data())
                                + press.callbackId().map(AsciiJson::escapedLength).orElse(0));
                json.ascii(",\"data\":").quoted(press.data());
                press.callbackId().ifPresent(id -> json.ascii(",\"callbackId\":").quoted(id));
                yield json.ascii(",\"messageId\":").ascii(Long.toString(press.messageId())).ascii("}").toString();
            }
            default -> write(CHAT_INPUT_WRITER, input);
        };
    }

    /** What the mapper writes for any update: what {@link #write(ChatInput)} must equal. */
    static String writeMapped(ChatInput input) {
        return write(CHAT_INPUT_WRITER, input);
    }

    /**
     * An update's JSON up to its sender, sized for {@code quotedLength} more bytes of quoted values (counted exactly,
     * as {@link AsciiJson#quoted} relies on) besides names, punctuation and numbers.
     */
    private static AsciiJson opened(String type, ChatInput.Sender sender, int quotedLength) {
        int capacity = 200 + quotedLength + sender.languageCode().map(AsciiJson::escapedLength).orElse(0);
        AsciiJson json = new AsciiJson(capacity);
        json.ascii("{\"type\":").quoted(type).ascii(",\"sender\":{\"userId\":")
                .ascii(Long.toString(sender.userId().value())).ascii(",\"chatId\":")
                .ascii(Long.toString(sender.chatId().value()));
        sender.languageCode().ifPresent(code -> json.ascii(",\"languageCode\":").quoted(code));
        return json.ascii("}");
    }

    static String write(Outgoing message) {
        if (message instanceof Messenger.SendText text) {
            return writeText(text);
        }
        return write(OUTGOING_WRITER, message);
    }

    /** What the mapper writes for any message: what {@link #writeText} must equal. */
    static String writeMapped(Outgoing message) {
        return write(OUTGOING_WRITER, message);
    }

    /**
     * A text reply — nearly every outbox row — written directly, in exactly the form the mapper writes (PayloadJsonTest
     * compares the two): the mapper's per-call bean serialisation was a twentieth of the bot's CPU under load, and then
     * the generator's escaping of every Cyrillic letter, one at a time, a tenth of the chat workers' (docs/PERFORMANCE.md).
     */
    private static String writeText(Messenger.SendText text) {
        AsciiJson json = new AsciiJson(capacity(text));
        json.ascii("{\"type\":");
        json.quoted(OUTGOING_TYPES.get(Messenger.SendText.class));
        json.ascii(",\"chatId\":").ascii(Long.toString(text.chatId().value())).ascii(",\"text\":");
        json.quoted(text.text());
        json.ascii(",\"keyboard\":{\"type\":");
        json.quoted(KEYBOARD_TYPES.get(text.keyboard().getClass()));
        switch (text.keyboard()) {
            case Keyboard.Inline inline -> {
                json.ascii(",\"rows\":[");
                for (int r = 0; r < inline.rows().size(); r++) {
                    json.ascii(r == 0 ? "[" : ",[");
                    List<Messenger.Button> row = inline.rows().get(r);
                    for (int b = 0; b < row.size(); b++) {
                        json.ascii(b == 0 ? "{\"label\":" : ",{\"label\":");
                        json.quoted(row.get(b).label());
                        json.ascii(",\"data\":");
                        json.quoted(row.get(b).data());
                        json.ascii("}");
                    }
                    json.ascii("]");
                }
                json.ascii("]");
            }
            case Keyboard.Reply reply -> {
                json.ascii(",\"rows\":[");
                for (int r = 0; r < reply.rows().size(); r++) {
                    json.ascii(r == 0 ? "[" : ",[");
                    List<String> row = reply.rows().get(r);
                    for (int b = 0; b < row.size(); b++) {
                        if (b > 0) {
                            json.ascii(",");
                        }
                        json.quoted(row.get(b));
                    }
                    json.ascii("]");
                }
                json.ascii("]");
            }
            case Keyboard.Unchanged unchanged -> {
            }
            case Keyboard.RemoveReply remove -> {
            }
        }
        return json.ascii("}}").toString();
    }

    /**
     * At least the bytes {@link #writeText} writes: every quoted value's escaped length exactly, and room to spare for
     * the punctuation and names around them. {@link AsciiJson#quoted} relies on it.
     */
    private static int capacity(Messenger.SendText text) {
        int capacity = 160 + AsciiJson.escapedLength(text.text());
        switch (text.keyboard()) {
            case Keyboard.Inline inline -> {
                for (List<Messenger.Button> row : inline.rows()) {
                    for (Messenger.Button button : row) {
                        capacity += 32 + AsciiJson.escapedLength(button.label()) + AsciiJson.escapedLength(button.data());
                    }
                }
            }
            case Keyboard.Reply reply -> {
                for (List<String> row : reply.rows()) {
                    for (String label : row) {
                        capacity += 8 + AsciiJson.escapedLength(label);
                    }
                }
            }
            case Keyboard.Unchanged unchanged -> {
            }
            case Keyboard.RemoveReply remove -> {
            }
        }
        return capacity;
    }

    /**
     * JSON that is all ASCII, written as bytes: a reply's Cyrillic letters are six characters each once escaped, and
     * a {@code StringBuilder}'s checked append of every one of them was 4 % of the bot's samples on the update path
     * (docs/PERFORMANCE.md). The string is made from the bytes at the end, as Latin-1: one copy.
     */
    private static final class AsciiJson {

        private static final byte[] HEX_DIGITS = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

        private byte[] bytes;
        private int length;

        AsciiJson(int capacity) {
            bytes = new byte[Math.max(capacity, 16)];
        }

        /** Text known to be ASCII (the JSON's own punctuation and names, a number). */
        AsciiJson ascii(String ascii) {
            room(ascii.length());
            for (int i = 0; i < ascii.length(); i++) {
                bytes[length++] = (byte) ascii.charAt(i);
            }
            return this;
        }

        /**
         * A JSON string as the mapper writes it with {@code ESCAPE_NON_ASCII}: the two-letter escapes for quote,
         * backslash, backspace, tab, line feed, form feed and carriage return; {@code \\u} and four upper-case hex
         * digits for any other control character and everything above 127 (each half of a surrogate pair on its own).
         */
        AsciiJson quoted(String value) {
            int count = value.length();
            // No room check: the writer was sized by capacity(), which counted this value's escaped length exactly,
            // and counting it again was a second pass over every reply (2 % of the bot's samples on the update path).
            byte[] out = bytes;
            int at = length;
            out[at++] = '"';
            for (int i = 0; i < count; i++) {
                char c = value.charAt(i);
                if (c >= 0x20 && c <= 0x7F) {
                    if (c == '"' || c == '\\') {
                        out[at++] = '\\';
                    }
                    out[at++] = (byte) c;
                    continue;
                }
                out[at++] = '\\';
                switch (c) {
                    case '\b' -> out[at++] = 'b';
                    case '\t' -> out[at++] = 't';
                    case '\n' -> out[at++] = 'n';
                    case '\f' -> out[at++] = 'f';
                    case '\r' -> out[at++] = 'r';
                    default -> {
                        out[at++] = 'u';
                        out[at++] = HEX_DIGITS[c >> 12];
                        out[at++] = HEX_DIGITS[(c >> 8) & 0xF];
                        out[at++] = HEX_DIGITS[(c >> 4) & 0xF];
                        out[at++] = HEX_DIGITS[c & 0xF];
                    }
                }
            }
            out[at++] = '"';
            length = at;
            return this;
        }

        /** What {@link #quoted} writes for the value, quotes included. */
        static int escapedLength(String value) {
            int length = 2;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c >= 0x20 && c <= 0x7F) {
                    length += c == '"' || c == '\\' ? 2 : 1;
                } else {
                    length += switch (c) {
                        case '\b', '\t', '\n', '\f', '\r' -> 2;
                        default -> 6;
                    };
                }
            }
            return length;
        }

        private void room(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        @Override
        public String toString() {
            return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        }
    }

    static String write(Map<String, String> values) {
        return write(VALUES_WRITER, values);
    }

    /** @throws IllegalArgumentException when the JSON is not a stored {@link ChatInput} */
    static ChatInput readChatInput(String json) {
        return read(CHAT_INPUT_READER, json);
    }

    /** @throws IllegalArgumentException when the JSON is not a stored {@link Outgoing} message */
    static Outgoing readOutgoing(String json) {
        return read(OUTGOING_READER, json);
    }

    /** @throws IllegalArgumentException when the JSON is not an object of strings */
    static Map<String, String> readValues(String json) {
        return read(VALUES_READER, json);
    }

    /** The stored type name of a message, as the {@code kind} column shows it. */
    static String kindOf(Outgoing message) {
        String kind = OUTGOING_TYPES.get(message.getClass());
        if (kind == null) {
            throw new IllegalStateException("no stored type name for " + message.getClass().getSimpleName());
        }
        return kind;
    }

    private static ObjectMapper mapper() {
        // Every character outside ASCII is written as a JSON unicode escape, an unpaired surrogate included: the
        // stored text is pure ASCII, so the database accepts whatever a user sent (jsonb refuses the NUL escape) and
        // reading it back gives the very same string.
        JsonFactory factory = JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
        ObjectMapper mapper = new ObjectMapper(factory)
                .registerModule(new Jdk8Module())
                .registerModule(ids())
                .addMixIn(ChatInput.class, TypeNameMixIn.class)
                .addMixIn(Outgoing.class, TypeNameMixIn.class)
                .addMixIn(Keyboard.class, TypeNameMixIn.class)
                .setSerializationInclusion(JsonInclude.Include.NON_ABSENT)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.registerSubtypes(named(CHAT_INPUT_TYPES));
        mapper.registerSubtypes(named(OUTGOING_TYPES));
        mapper.registerSubtypes(named(KEYBOARD_TYPES));
        return mapper;
    }

    private static NamedType[] named(Map<? extends Class<?>, String> names) {
        return names.entrySet().stream().map(e -> new NamedType(e.getKey(), e.getValue())).toArray(NamedType[]::new);
    }

    private static String write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // Only plain records and strings go in: failing here is a bug in the mapping, never a user's doing.
            throw new IllegalStateException("Could not serialize a " + value.getClass().getSimpleName(), e);
        }
    }

    private static <T> T read(ObjectReader reader, String json) {
        try {
            return reader.readValue(json);
        } catch (IOException | RuntimeException e) {
            // The parser's message quotes the offending JSON, which may hold what a parent typed: leave it out.
            throw new IllegalArgumentException("not a valid payload: " + e.getClass().getSimpleName());
        }
    }

    private static SimpleModule ids() {
        SimpleModule module = new SimpleModule("mentorium-ids");
        addNumeric(module, ChatId.class, ChatId::value, ChatId::new);
        addNumeric(module, TelegramUserId.class, TelegramUserId::value, TelegramUserId::new);
        return module;
    }

    /** A one-number value record written as the bare number. */
    private static <T> void addNumeric(SimpleModule module, Class<T> type, ToLongFunction<T> toNumber,
                                       LongFunction<T> fromNumber) {
        module.addSerializer(type, new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeNumber(toNumber.applyAsLong(value));
            }
        });
        module.addDeserializer(type, new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return fromNumber.apply(parser.getLongValue());
            }
        });
    }
}
