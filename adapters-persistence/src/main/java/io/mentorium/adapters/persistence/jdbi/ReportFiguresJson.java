package io.mentorium.adapters.persistence.jdbi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorium.application.port.out.ReportHistory.Figures;
import io.mentorium.domain.report.ReportMetrics;
import java.io.IOException;
import java.util.OptionalDouble;

/**
 * A report's figures as stored in {@code bot.report_history.figures}: named numbers, written and read field by field
 * so that renaming a record component cannot change what rows already hold.
 */
final class ReportFiguresJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportFiguresJson() {
    }

    static String write(Figures figures) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("metrics", metrics(figures.metrics()));
        root.set("previous", metrics(figures.previous()));
        root.put("streakDays", figures.streakDays());
        return root.toString();
    }

    /** @throws IllegalArgumentException when the JSON is not stored figures */
    static Figures read(String json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            return new Figures(metrics(root.required("metrics")), metrics(root.required("previous")),
                    root.required("streakDays").intValue());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not stored report figures: " + e.getClass().getSimpleName());
        }
    }

    private static ObjectNode metrics(ReportMetrics metrics) {
        ObjectNode node = MAPPER.createObjectNode()
                .put("activities", metrics.activities())
                .put("lessonsCompleted", metrics.lessonsCompleted())
                .put("minutes", metrics.minutes())
                .put("activeDays", metrics.activeDays());
        metrics.averageScore().ifPresent(score -> node.put("averageScore", score));
        return node;
    }

    private static ReportMetrics metrics(JsonNode node) {
        JsonNode score = node.get("averageScore");
        return new ReportMetrics(node.required("activities").intValue(), node.required("lessonsCompleted").intValue(),
                node.required("minutes").intValue(),
                score == null || score.isNull() ? OptionalDouble.empty() : OptionalDouble.of(score.doubleValue()),
                node.required("activeDays").intValue());
    }
}
