package io.mentorium.application.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.assistant.PromptTemplates.Template;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateChoiceTest {

    /** Every phrasing the recognizer is tested with, and sentences mixing advice with settings and other topics. */
    static Stream<String> texts() {
        Stream<String> mixed = Stream.of(
                "Что посоветуете Малике?", "What should we practise?", "Nimani takrorlash kerak?",
                "Не пишите после 21:00, и что посоветуете?", "Turn off recommendations",
                "Какой предмет самый слабый, и сколько дней подряд?", "Подписка: что посоветуете?",
                "Recommend something for the weakest subject this month", "", "   ", "?!");
        return Stream.concat(Stream.concat(IntentsTest.phrasings().map(row -> (String) row.get()[1]),
                IntentsTest.quietHours().map(row -> (String) row.get()[0])), mixed);
    }

    @ParameterizedTest
    @MethodSource("texts")
    void theShortcutChoosesWhatTheWholeRecognitionWould(String text) {
        Intent intent = Intents.recognize(text).intent();
        Template expected = intent == Intent.RECOMMENDATIONS || intent == Intent.WEAKEST_SUBJECT
                ? Template.RECOMMENDATIONS : Template.PROGRESS;

        assertThat(TemplateChoice.forQuestion(text)).isEqualTo(expected);
        if (expected == Template.RECOMMENDATIONS) {
            assertThat(Intents.mayAskAdvice(text)).as("the pre-test never rules advice out").isTrue();
        }
    }

    @Test
    void adviceInEveryLanguageGetsTheRecommendationsTemplateAndOtherQuestionsSkipTheRecognizer() {
        for (String advice : List.of("Nimani takrorlash kerak?", "What should we practise?",
                "Какой предмет у неё самый слабый?")) {
            assertThat(TemplateChoice.forQuestion(advice)).as(advice).isEqualTo(Template.RECOMMENDATIONS);
        }
        assertThat(Intents.mayAskAdvice("How is my child doing at school this week?")).isFalse();
        assertThat(TemplateChoice.forQuestion("How is my child doing at school this week?"))
                .isEqualTo(Template.PROGRESS);
    }
}
