package io.mentorium.adapters.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.cfg.HandlerInstantiator;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.TypeIdResolver;
import com.fasterxml.jackson.databind.jsontype.TypeResolverBuilder;
import com.openai.core.JsonField;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageParam;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionSystemMessageParam;
import com.openai.models.chat.completions.ChatCompletionTool;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.chat.completions.ChatCompletionUserMessageParam;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The client's JSON mapper, except for the three parts of a request that the client writes slowly: the tool
 * definitions, the messages and the body around them. The output is byte for byte the client's
 * ({@code RequestJsonTest}).
 *
 * <ul>
 *   <li>Each tool definition is written as JSON the client serialized once, instead of again for every request. Every
 *       request of an answer carries the same eight definitions, and the client's generic serialization of them (each
 *       field a {@code JsonField}, each schema a tree of {@code JsonValue}s) took 3.4 % of the answers' profile
 *       samples, 0.7 % since (docs/PERFORMANCE.md, 2026-12-03).</li>
 *   <li>Each message of the kinds this adapter builds (system, user and tool messages with text, assistant messages
 *       with text and function calls, nothing else set) is written field by field. The client writes a message
 *       through a union serializer and Jackson bean properties read by reflection, one reflective call per property;
 *       with thousands of answers in flight those calls cannot be inlined, and they were most of the request's
 *       serialization, 8.2 % of the bot's samples while 2,000 answers streamed (docs/PERFORMANCE.md, 2026-12-03).
 *       Any other message (a name, a refusal, content parts, extra properties) is written by the client.</li>
 *   <li>The request around them, when it sets only what this adapter sets (messages, model, stream options, tools,
 *       tool choice, and the client's own {@code "stream": true}), is written field by field too: the client's bean
 *       serialization calls each of the body's thirty-six getters by reflection for every request, to find that
 *       thirty-one of them are not set. A request with anything else set is written by the client.</li>
 * </ul>
 */
final class RequestJson {

    /** A handful of tool sets are offered, so a few dozen definitions at most; past this bound, serialized anew. */
    private static final int MAX_DEFINITIONS = 128;

    private RequestJson() {
    }

    /**
     * A mapper for the client: the client's own configuration, with tool definitions written from memory, messages and
     * request bodies written directly, and buffers from {@link JsonBuffers}.
     */
    static JsonMapper mapper() {
        return mapper(new BoundedMemo<>(MAX_DEFINITIONS));
    }

    static JsonMapper mapper(BoundedMemo<ChatCompletionTool, SerializableString> written) {
        // The client's mapper is one instance shared by every client in the JVM: configure a copy, never it.
        JsonMapper stock = ObjectMappers.jsonMapper();
        JsonMapper mapper = stock.copy();
        Messages messages = new Messages(stock);
        mapper.setHandlerInstantiator(new Instantiator(new Memoized(stock, written), messages,
                new Bodies(stock, messages)));
        mapper.addMixIn(ChatCompletionTool.class, WrittenFromMemory.class);
        mapper.addMixIn(ChatCompletionMessageParam.class, WrittenDirectly.class);
        mapper.addMixIn(ChatCompletionCreateParams.Body.class, BodyWrittenDirectly.class);
        mapper.getFactory().setRecyclerPool(JsonBuffers.POOL);
        return mapper;
    }

    /** Takes the place of the class's own {@code @JsonSerialize}: a mix-in's annotations win over the target's. */
    @JsonSerialize(using = Memoized.class)
    private abstract static class WrittenFromMemory {
    }

    /** Takes the place of the message union's own {@code @JsonSerialize}. */
    @JsonSerialize(using = Messages.class)
    private abstract static class WrittenDirectly {
    }

    /** Takes the place of the request body's own bean serialization. */
    @JsonSerialize(using = Bodies.class)
    private abstract static class BodyWrittenDirectly {
    }

    /** Definitions are immutable values (equal when their JSON is), so one serialization serves every request. */
    static final class Memoized extends JsonSerializer<ChatCompletionTool> {

        private final JsonMapper stock;
        private final BoundedMemo<ChatCompletionTool, SerializableString> written;

        Memoized(JsonMapper stock, BoundedMemo<ChatCompletionTool, SerializableString> written) {
            this.stock = stock;
            this.written = written;
        }

        @Override
        public void serialize(ChatCompletionTool tool, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            generator.writeRawValue(written.get(tool, this::serialized));
        }

        private SerializableString serialized(ChatCompletionTool tool) {
            try {
                return new SerializedString(stock.writeValueAsString(tool));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Class<ChatCompletionTool> handledType() {
            return ChatCompletionTool.class;
        }
    }

    /**
     * Writes the messages this adapter builds as the client would, without reflection; hands any other message to the
     * client's own serializer. Which message is which is decided before anything is written.
     */
    static final class Messages extends JsonSerializer<ChatCompletionMessageParam> {

        private static final JsonValue SYSTEM = JsonValue.from("system");
        private static final JsonValue USER = JsonValue.from("user");
        private static final JsonValue ASSISTANT = JsonValue.from("assistant");
        private static final JsonValue TOOL = JsonValue.from("tool");
        private static final JsonValue FUNCTION = JsonValue.from("function");

        private final JsonMapper stock;

        Messages(JsonMapper stock) {
            this.stock = stock;
        }

        @Override
        public void serialize(ChatCompletionMessageParam message, JsonGenerator generator,
                              SerializerProvider provider) throws IOException {
            if (!writtenDirectly(message, generator)) {
                generator.writeRawValue(stock.writeValueAsString(message));
            }
        }

        @Override
        public Class<ChatCompletionMessageParam> handledType() {
            return ChatCompletionMessageParam.class;
        }

        /** Writes the message and returns true when it is one of the plain kinds; writes nothing otherwise. */
        static boolean writtenDirectly(ChatCompletionMessageParam message, JsonGenerator generator)
                throws IOException {
            if (message._json().isPresent()) {
                return false;
            }
            if (message.isSystem()) {
                ChatCompletionSystemMessageParam system = message.asSystem();
                Optional<String> content = system._content().asKnown()
                        .flatMap(ChatCompletionSystemMessageParam.Content::text);
                return plain(SYSTEM, system._role(), system._name(), system._additionalProperties(), content)
                        && write(generator, content.get(), "system", null);
            }
            if (message.isUser()) {
                ChatCompletionUserMessageParam user = message.asUser();
                Optional<String> content = user._content().asKnown()
                        .flatMap(ChatCompletionUserMessageParam.Content::text);
                return plain(USER, user._role(), user._name(), user._additionalProperties(), content)
                        && write(generator, content.get(), "user", null);
            }
            if (message.isTool()) {
                ChatCompletionToolMessageParam tool = message.asTool();
                Optional<String> content = tool._content().asKnown()
                        .flatMap(ChatCompletionToolMessageParam.Content::text);
                Optional<String> callId = tool._toolCallId().asKnown();
                if (!TOOL.equals(tool._role()) || !tool._additionalProperties().isEmpty() || content.isEmpty()
                        || callId.isEmpty()) {
                    return false;
                }
                return write(generator, content.get(), "tool", callId.get());
            }
            return message.isAssistant() && assistant(message.asAssistant(), generator);
        }

        /** A system or user message with its own role, text content, no name and nothing else. */
        private static boolean plain(JsonValue expectedRole, JsonValue role, JsonField<String> name,
                                     Map<String, JsonValue> additional, Optional<String> content) {
            return expectedRole.equals(role) && name.isMissing() && additional.isEmpty() && content.isPresent();
        }

        /** {@code {"content":…,"role":…}}, then {@code "tool_call_id"} when there is one: the client's order. */
        private static boolean write(JsonGenerator generator, String content, String role, String toolCallId)
                throws IOException {
            generator.writeStartObject();
            generator.writeStringField("content", content);
            generator.writeStringField("role", role);
            if (toolCallId != null) {
                generator.writeStringField("tool_call_id", toolCallId);
            }
            generator.writeEndObject();
            return true;
        }

        /** A function call, written as {@code {"id":…,"function":{"arguments":…,"name":…},"type":"function"}}. */
        private record Call(String id, String arguments, String name) {
        }

        private static boolean assistant(ChatCompletionAssistantMessageParam assistant, JsonGenerator generator)
                throws IOException {
            if (!ASSISTANT.equals(assistant._role()) || !assistant._audio().isMissing()
                    || !assistant._functionCall().isMissing() || !assistant._name().isMissing()
                    || !assistant._refusal().isMissing() || !assistant._additionalProperties().isEmpty()) {
                return false;
            }
            Optional<String> content = assistant._content().isMissing() ? Optional.empty()
                    : assistant._content().asKnown().flatMap(ChatCompletionAssistantMessageParam.Content::text);
            if (!assistant._content().isMissing() && content.isEmpty()) {
                return false;
            }
            List<Call> calls = new ArrayList<>();
            if (!assistant._toolCalls().isMissing()) {
                Optional<List<ChatCompletionMessageToolCall>> known = assistant._toolCalls().asKnown();
                if (known.isEmpty()) {
                    return false;
                }
                for (ChatCompletionMessageToolCall call : known.get()) {
                    Optional<Call> plain = plainFunctionCall(call);
                    if (plain.isEmpty()) {
                        return false;
                    }
                    calls.add(plain.get());
                }
            }
            generator.writeStartObject();
            generator.writeStringField("role", "assistant");
            if (content.isPresent()) {
                generator.writeStringField("content", content.get());
            }
            if (!assistant._toolCalls().isMissing()) {
                generator.writeArrayFieldStart("tool_calls");
                for (Call call : calls) {
                    generator.writeStartObject();
                    generator.writeStringField("id", call.id());
                    generator.writeObjectFieldStart("function");
                    generator.writeStringField("arguments", call.arguments());
                    generator.writeStringField("name", call.name());
                    generator.writeEndObject();
                    generator.writeStringField("type", "function");
                    generator.writeEndObject();
                }
                generator.writeEndArray();
            }
            generator.writeEndObject();
            return true;
        }

        private static Optional<Call> plainFunctionCall(ChatCompletionMessageToolCall call) {
            if (call._json().isPresent() || !call.isFunction()) {
                return Optional.empty();
            }
            ChatCompletionMessageFunctionToolCall function = call.asFunction();
            Optional<String> id = function._id().asKnown();
            Optional<ChatCompletionMessageFunctionToolCall.Function> body = function._function().asKnown();
            if (!FUNCTION.equals(function._type()) || !function._additionalProperties().isEmpty() || id.isEmpty()
                    || body.isEmpty() || !body.get()._additionalProperties().isEmpty()) {
                return Optional.empty();
            }
            Optional<String> arguments = body.get()._arguments().asKnown();
            Optional<String> name = body.get()._name().asKnown();
            if (arguments.isEmpty() || name.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Call(id.get(), arguments.get(), name.get()));
        }
    }

    /**
     * Writes a request body that sets only what this adapter sets, in the client's order (the messages and the model,
     * then the optional fields alphabetically, then the extra properties); hands any other body to the client.
     */
    static final class Bodies extends JsonSerializer<ChatCompletionCreateParams.Body> {

        /**
         * The body's optional fields this adapter never sets, by the name of their accessor: a body with one of them
         * set is the client's to write. {@code RequestJsonTest} checks that with the ones written here they are every
         * field the body has, so a new version of the client with a new field fails it instead of losing the field.
         */
        static final Map<String, Function<ChatCompletionCreateParams.Body, JsonField<?>>> NEVER_SET = Map.ofEntries(
                Map.entry("_audio", ChatCompletionCreateParams.Body::_audio),
                Map.entry("_frequencyPenalty", ChatCompletionCreateParams.Body::_frequencyPenalty),
                Map.entry("_functionCall", ChatCompletionCreateParams.Body::_functionCall),
                Map.entry("_functions", ChatCompletionCreateParams.Body::_functions),
                Map.entry("_logitBias", ChatCompletionCreateParams.Body::_logitBias),
                Map.entry("_logprobs", ChatCompletionCreateParams.Body::_logprobs),
                Map.entry("_maxCompletionTokens", ChatCompletionCreateParams.Body::_maxCompletionTokens),
                Map.entry("_maxTokens", ChatCompletionCreateParams.Body::_maxTokens),
                Map.entry("_metadata", ChatCompletionCreateParams.Body::_metadata),
                Map.entry("_modalities", ChatCompletionCreateParams.Body::_modalities),
                Map.entry("_moderation", ChatCompletionCreateParams.Body::_moderation),
                Map.entry("_n", ChatCompletionCreateParams.Body::_n),
                Map.entry("_parallelToolCalls", ChatCompletionCreateParams.Body::_parallelToolCalls),
                Map.entry("_prediction", ChatCompletionCreateParams.Body::_prediction),
                Map.entry("_presencePenalty", ChatCompletionCreateParams.Body::_presencePenalty),
                Map.entry("_promptCacheKey", ChatCompletionCreateParams.Body::_promptCacheKey),
                Map.entry("_promptCacheOptions", ChatCompletionCreateParams.Body::_promptCacheOptions),
                Map.entry("_promptCacheRetention", ChatCompletionCreateParams.Body::_promptCacheRetention),
                Map.entry("_reasoningEffort", ChatCompletionCreateParams.Body::_reasoningEffort),
                Map.entry("_responseFormat", ChatCompletionCreateParams.Body::_responseFormat),
                Map.entry("_safetyIdentifier", ChatCompletionCreateParams.Body::_safetyIdentifier),
                Map.entry("_seed", ChatCompletionCreateParams.Body::_seed),
                Map.entry("_serviceTier", ChatCompletionCreateParams.Body::_serviceTier),
                Map.entry("_stop", ChatCompletionCreateParams.Body::_stop),
                Map.entry("_store", ChatCompletionCreateParams.Body::_store),
                Map.entry("_temperature", ChatCompletionCreateParams.Body::_temperature),
                Map.entry("_topLogprobs", ChatCompletionCreateParams.Body::_topLogprobs),
                Map.entry("_topP", ChatCompletionCreateParams.Body::_topP),
                Map.entry("_user", ChatCompletionCreateParams.Body::_user),
                Map.entry("_verbosity", ChatCompletionCreateParams.Body::_verbosity),
                Map.entry("_webSearchOptions", ChatCompletionCreateParams.Body::_webSearchOptions));
        /** The fields written here, by the name of their accessor. */
        static final List<String> WRITTEN = List.of("_messages", "_model", "_streamOptions", "_toolChoice", "_tools");

        private final JsonMapper stock;
        private final Messages messages;

        Bodies(JsonMapper stock, Messages messages) {
            this.stock = stock;
            this.messages = messages;
        }

        @Override
        public void serialize(ChatCompletionCreateParams.Body body, JsonGenerator generator,
                              SerializerProvider provider) throws IOException {
            Optional<List<ChatCompletionMessageParam>> known = body._messages().asKnown();
            if (known.isEmpty() || !onlyWhatTheAdapterSets(body)) {
                generator.writeRawValue(stock.writeValueAsString(body));
                return;
            }
            generator.writeStartObject();
            generator.writeArrayFieldStart("messages");
            for (ChatCompletionMessageParam message : known.get()) {
                messages.serialize(message, generator, provider);
            }
            generator.writeEndArray();
            // The rest as the client writes them: a handful of fields, not worth writing by hand.
            field("model", body._model(), generator, provider);
            field("stream_options", body._streamOptions(), generator, provider);
            field("tool_choice", body._toolChoice(), generator, provider);
            field("tools", body._tools(), generator, provider);
            for (Map.Entry<String, JsonValue> extra : body._additionalProperties().entrySet()) {
                provider.defaultSerializeField(extra.getKey(), extra.getValue(), generator);
            }
            generator.writeEndObject();
        }

        static boolean onlyWhatTheAdapterSets(ChatCompletionCreateParams.Body body) {
            for (Function<ChatCompletionCreateParams.Body, JsonField<?>> field : NEVER_SET.values()) {
                if (!field.apply(body).isMissing()) {
                    return false;
                }
            }
            return true;
        }

        private static void field(String name, JsonField<?> value, JsonGenerator generator,
                                  SerializerProvider provider) throws IOException {
            if (!value.isMissing()) {
                provider.defaultSerializeField(name, value, generator);
            }
        }

        @Override
        public Class<ChatCompletionCreateParams.Body> handledType() {
            return ChatCompletionCreateParams.Body.class;
        }
    }

    /**
     * Hands Jackson the one {@link Memoized} instance, holding its memo, the one {@link Messages} and the one
     * {@link Bodies}, wherever a mix-in names their classes; null (the default instantiation) for anything else.
     */
    private static final class Instantiator extends HandlerInstantiator {

        private final Memoized memoized;
        private final Messages messages;
        private final Bodies bodies;

        Instantiator(Memoized memoized, Messages messages, Bodies bodies) {
            this.memoized = memoized;
            this.messages = messages;
            this.bodies = bodies;
        }

        @Override
        public JsonSerializer<?> serializerInstance(SerializationConfig config, Annotated annotated,
                Class<?> serClass) {
            if (serClass == Memoized.class) {
                return memoized;
            }
            if (serClass == Messages.class) {
                return messages;
            }
            return serClass == Bodies.class ? bodies : null;
        }

        @Override
        public JsonDeserializer<?> deserializerInstance(DeserializationConfig config, Annotated annotated,
                Class<?> deserClass) {
            return null;
        }

        @Override
        public KeyDeserializer keyDeserializerInstance(DeserializationConfig config, Annotated annotated,
                Class<?> keyDeserClass) {
            return null;
        }

        @Override
        public TypeResolverBuilder<?> typeResolverBuilderInstance(MapperConfig<?> config, Annotated annotated,
                Class<?> builderClass) {
            return null;
        }

        @Override
        public TypeIdResolver typeIdResolverInstance(MapperConfig<?> config, Annotated annotated,
                Class<?> resolverClass) {
            return null;
        }
    }
}
