package io.mentorium.adapters.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorium.application.port.out.AiAssistant;
import io.mentorium.application.port.out.AiAssistant.Prompt;
import io.mentorium.application.port.out.AiAssistant.Reply;
import io.mentorium.application.port.out.AiAssistant.ToolBox;
import io.mentorium.application.port.out.AiAssistant.ToolCall;
import io.mentorium.application.port.out.AiAssistant.ToolResult;
import io.mentorium.application.port.out.TipWriter;
import io.mentorium.domain.notification.Tip;
import io.mentorium.domain.notification.TipFigures;
import io.mentorium.domain.shared.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The weekly tip written by the model, through the assistant's adapter and so through its whole reliability shell
 * (bulkhead, retries, circuit breaker, timeout) and its metrics ({@code ai_requests_total}, {@code ai_tokens_total}).
 * One request without tools: the prompt ({@code prompts/weekly-tip.txt}) carries the rules, the figures as JSON — the
 * child's first name and grade, the week's numbers and the course titles, nothing that identifies the family — and
 * asks for one to three suggestions in the parent's language. Any failure declines, and the application sends the
 * rule-based tip instead.
 */
public final class OpenAiTipWriter implements TipWriter {

    /** The request's user message; the instructions and the figures are in the system message. */
    static final String ASK = "Write this week's tip.";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ToolBox NO_TOOLS = new ToolBox() {
        @Override
        public List<AiAssistant.Tool> tools() {
            return List.of();
        }

        @Override
        public ToolResult call(ToolCall call) {
            return ToolResult.error("no tools for a tip");
        }
    };

    private final AiAssistant model;
    private final String template;

    public OpenAiTipWriter(AiAssistant model) {
        this.model = Objects.requireNonNull(model, "model");
        this.template = read("prompts/weekly-tip.txt");
    }

    @Override
    public boolean remote() {
        return true;
    }

    @Override
    public Draft write(TipRequest request) {
        Prompt prompt = new Prompt(request.language(), system(request.language()), "Figures:\n" + figures(request),
                List.of(), ASK);
        Reply reply = model.answer(prompt, NO_TOOLS, partial -> {
        });
        return switch (reply) {
            case Reply.Answered answered -> new Draft.Written(answered.text());
            case Reply.Unavailable unavailable -> new Draft.Declined(
                    unavailable.cause().name().toLowerCase(java.util.Locale.ROOT) + ": " + unavailable.detail());
        };
    }

    String system(Language language) {
        return template.replace("{language}", switch (language) {
            case RU -> "Russian";
            case UZ -> "Uzbek (Latin script)";
            case EN -> "English";
        }).strip();
    }

    /** The figures as the model sees them: rounded as the parent would read them, and nothing else. */
    static String figures(TipRequest request) {
        TipFigures figures = request.figures();
        ObjectNode root = JSON.createObjectNode();
        ObjectNode child = root.putObject("child");
        child.put("first_name", request.firstName());
        request.grade().ifPresent(grade -> child.put("grade", grade));
        ObjectNode week = root.putObject("last_days");
        week.put("days", figures.days());
        week.put("active_days", figures.week().activeDays());
        week.put("activities", figures.week().activities());
        week.put("lessons_completed", figures.week().lessonsCompleted());
        week.put("minutes", figures.week().minutes());
        figures.week().averageScore().ifPresent(score -> week.put("average_score", Math.round(score)));
        root.put("current_streak_days", figures.streakDays());
        ArrayNode courses = root.putArray("courses");
        for (TipFigures.CourseFigures course : figures.courses()) {
            ObjectNode node = courses.addObject();
            node.put("title", course.title());
            node.put("progress_percent", Math.round(course.progressPercent()));
            node.put("activities_in_these_days", course.activities());
            course.averageScore().ifPresent(score -> node.put("average_score_in_these_days", Math.round(score)));
        }
        root.put("focus", focus(request.ruleTip()));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", impossible);
        }
    }

    private static String focus(Tip tip) {
        return switch (tip) {
            case Tip.StartSmall start -> "no activity: start small";
            case Tip.ReviewCourse review -> "low scores in the course \"" + review.course().title()
                    + "\": review it together";
            case Tip.StudyMoreDays days -> "few active days: short sessions on more days";
            case Tip.LongerSessions longer -> "regular but short: slightly longer sessions";
            case Tip.KeepGoing going -> "a good rhythm: encourage";
        };
    }

    private static String read(String name) {
        try (InputStream in = OpenAiTipWriter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing prompt resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
