package io.mentorium.adapters.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dagger.BindsInstance;
import dagger.Component;
import io.mentorium.adapters.openai.testing.OpenAiStandIn;
import io.mentorium.application.port.out.AiAssistant;
import io.mentorium.application.port.out.AssistantMetrics;
import io.mentorium.application.port.out.TokenCounter;
import io.mentorium.domain.shared.Language;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The Dagger module wires a working assistant and counter from settings and metrics. */
class OpenAiModuleTest {

    @Singleton
    @Component(modules = OpenAiModule.class)
    interface TestComponent {

        AiAssistant assistant();

        OpenAiAssistant openAiAssistant();

        TokenCounter tokenCounter();

        @Component.Factory
        interface Factory {
            TestComponent create(@BindsInstance OpenAiSettings settings, @BindsInstance ModelReliability reliability,
                                 @BindsInstance AssistantMetrics metrics);
        }
    }

    private static final AiAssistant.ToolBox NO_TOOLS = new AiAssistant.ToolBox() {
        @Override
        public List<AiAssistant.Tool> tools() {
            return List.of();
        }

        @Override
        public AiAssistant.ToolResult call(AiAssistant.ToolCall call) {
            return AiAssistant.ToolResult.error("none");
        }
    };

    @Test
    void theBoundAssistantAnswersThroughTheConfiguredApiAndReportsMetrics() {
        List<AssistantMetrics.RequestOutcome> outcomes = new CopyOnWriteArrayList<>();
        AssistantMetrics metrics = new AssistantMetrics() {
            @Override
            public void modelRequest(RequestOutcome outcome, Duration took) {
                outcomes.add(outcome);
            }
        };
        try (OpenAiStandIn standIn = OpenAiStandIn.start()) {
            TestComponent component = DaggerOpenAiModuleTest_TestComponent.factory().create(standIn.settings(6000),
                    ModelReliability.DEFAULTS, metrics);
            try (OpenAiAssistant closeable = component.openAiAssistant()) {
                AiAssistant assistant = component.assistant();

                assertThat(assistant).isSameAs(closeable);
                assertThat(assistant.available()).isTrue();
                AiAssistant.Reply reply = assistant.answer(new AiAssistant.Prompt(Language.RU, "Be brief.", "",
                        List.of(), "Hi"), NO_TOOLS, text -> {
                });
                assertThat(reply).isInstanceOf(AiAssistant.Reply.Answered.class);
                assertThat(outcomes).containsExactly(AssistantMetrics.RequestOutcome.OK);
                assertThat(component.tokenCounter().countMessage("user", "Hi"))
                        .isEqualTo(3 + component.tokenCounter().count("user") + component.tokenCounter().count("Hi"));
            }
        }
    }

    @Test
    void withoutAKeyTheBoundAssistantIsUnavailable() {
        TestComponent component = DaggerOpenAiModuleTest_TestComponent.factory().create(
                new OpenAiSettings(Optional.empty(), OpenAiSettings.DEFAULT_BASE_URL, "gpt-4o-mini", 6000),
                ModelReliability.DEFAULTS, AssistantMetrics.NONE);

        assertThat(component.assistant().available()).isFalse();
        assertThat(component.assistant().answer(new AiAssistant.Prompt(Language.EN, "s", "", List.of(), "q"), NO_TOOLS,
                text -> {
                })).isEqualTo(new AiAssistant.Reply.Unavailable(AiAssistant.Cause.NOT_CONFIGURED,
                "no model configured (OPENAI_API_KEY is not set)"));
    }
}
