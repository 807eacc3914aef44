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
import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletionTool;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The client's JSON mapper, except that each tool definition is written as JSON the client serialized once, instead of
 * again for every request. Every request of an answer carries the same eight definitions, and the client's generic
 * serialization of them (each field a {@code JsonField}, each schema a tree of {@code JsonValue}s) took 3.4 % of the
 * answers' profile samples, 0.7 % since (docs/PERFORMANCE.md, 2026-12-03; the rest of a request's JSON is its
 * messages). The bytes are the client's own: same output, written sooner.
 */
final class ToolDefinitionsJson {

    /** A handful of tool sets are offered, so a few dozen definitions at most; past this bound, serialized anew. */
    private static final int MAX_DEFINITIONS = 128;

    private ToolDefinitionsJson() {
    }

    /**
     * A mapper for the client: the client's own configuration, with tool definitions written from memory and buffers
     * from {@link JsonBuffers}.
     */
    static JsonMapper mapper() {
        return mapper(new BoundedMemo<>(MAX_DEFINITIONS));
    }

    static JsonMapper mapper(BoundedMemo<ChatCompletionTool, SerializableString> written) {
        // The client's mapper is one instance shared by every client in the JVM: configure a copy, never it.
        JsonMapper stock = ObjectMappers.jsonMapper();
        JsonMapper mapper = stock.copy();
        mapper.setHandlerInstantiator(new MemoizingInstantiator(new Memoized(stock, written)));
        mapper.addMixIn(ChatCompletionTool.class, WrittenFromMemory.class);
        mapper.getFactory().setRecyclerPool(JsonBuffers.POOL);
        return mapper;
    }

    /** Takes the place of the class's own {@code @JsonSerialize}: a mix-in's annotations win over the target's. */
    @JsonSerialize(using = Memoized.class)
    private abstract static class WrittenFromMemory {
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
     * Hands Jackson the one {@link Memoized} instance, holding its memo, wherever the mix-in names its class; null (the
     * default instantiation) for anything else.
     */
    private static final class MemoizingInstantiator extends HandlerInstantiator {

        private final Memoized memoized;

        MemoizingInstantiator(Memoized memoized) {
            this.memoized = memoized;
        }

        @Override
        public JsonSerializer<?> serializerInstance(SerializationConfig config, Annotated annotated,
                Class<?> serClass) {
            return serClass == Memoized.class ? memoized : null;
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
