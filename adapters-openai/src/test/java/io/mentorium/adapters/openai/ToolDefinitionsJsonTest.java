package io.mentorium.adapters.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionTool;
import io.mentorium.application.port.out.AiAssistant.Parameter;
import io.mentorium.application.port.out.AiAssistant.Tool;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolDefinitionsJsonTest {

    private static final ChatCompletionTool PROGRESS = OpenAiAssistant.definition(new Tool("get_progress",
            "A child's progress over a period",
            List.of(new Parameter("child", Parameter.Type.STRING, "The child's first name", true, List.of(),
                            Optional.empty(), Optional.empty()),
                    new Parameter("period", Parameter.Type.STRING, "Which period", false, List.of("week", "month"),
                            Optional.empty(), Optional.empty()),
                    new Parameter("limit", Parameter.Type.INTEGER, "How many «at most»", false, List.of(),
                            Optional.of(1), Optional.of(20)))));
    private static final ChatCompletionTool QUIET = OpenAiAssistant.definition(new Tool("set_notification_preferences",
            "Turns kinds of notifications on or off",
            List.of(new Parameter("kinds", Parameter.Type.STRING_ARRAY, "Kinds", false, List.of("reminder", "system"),
                    Optional.empty(), Optional.empty()))));

    private static ChatCompletionCreateParams request(List<ChatCompletionTool> tools) {
        return ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini")
                .addSystemMessage("Use tool results only.")
                .addUserMessage("Как дела у Дилнозы по математике?")
                .tools(tools)
                .build();
    }

    @Test
    void aRequestIsWrittenByteForByteAsTheClientWritesIt() throws Exception {
        JsonMapper memoizing = ToolDefinitionsJson.mapper();
        JsonMapper stock = ObjectMappers.jsonMapper();
        ChatCompletionCreateParams.Body body = request(List.of(PROGRESS, QUIET))._body();

        String expected = stock.writeValueAsString(body);
        assertThat(expected).contains("\"get_progress\"", "\"enum\":[\"week\",\"month\"]", "«at most»");
        // Twice: the first writes the definitions and remembers them, the second writes them from memory.
        assertThat(memoizing.writeValueAsString(body)).isEqualTo(expected);
        assertThat(new String(memoizing.writeValueAsBytes(body), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(expected);
    }

    @Test
    void aDefinitionIsWrittenFromMemoryNotSerializedAgain() throws Exception {
        BoundedMemo<ChatCompletionTool, SerializableString> memory = new BoundedMemo<>(8);
        memory.get(PROGRESS, tool -> new SerializedString("{\"remembered\":true}"));
        JsonMapper memoizing = ToolDefinitionsJson.mapper(memory);

        String written = memoizing.writeValueAsString(request(List.of(PROGRESS, QUIET))._body());

        assertThat(written).contains("\"tools\":[{\"remembered\":true},{\"function\":{\"name\"")
                .contains("\"set_notification_preferences\"");
        // An equal definition built again is the same value: it too is written from memory.
        assertThat(memoizing.writeValueAsString(request(List.of(OpenAiAssistant.definition(new Tool("get_progress",
                "A child's progress over a period", List.of(new Parameter("child", Parameter.Type.STRING,
                        "The child's first name", true, List.of(), Optional.empty(), Optional.empty()),
                        new Parameter("period", Parameter.Type.STRING, "Which period", false,
                                List.of("week", "month"), Optional.empty(), Optional.empty()),
                        new Parameter("limit", Parameter.Type.INTEGER, "How many «at most»", false, List.of(),
                                Optional.of(1), Optional.of(20)))))))._body()))
                .contains("{\"remembered\":true}");
    }
}
