package io.mentorium.application.assistant;

import io.mentorium.domain.shared.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The system prompts, kept as resources next to this class ({@code prompts/*.txt}) so that they are reviewed as texts,
 * not strings in code. Each template carries the same rules ({@code prompts/rules.txt}).
 */
public final class PromptTemplates {

    /** The seed's three templates. */
    public enum Template {
        /** The first question of a dialog (after /new, or the first ever). */
        WELCOME,
        /** How a child is doing: figures, reports, streaks. */
        PROGRESS,
        /** What to practise and how a parent can help. */
        RECOMMENDATIONS
    }

    private final Map<Template, String> templates = new EnumMap<>(Template.class);

    public PromptTemplates() {
        String rules = read("rules.txt");
        for (Template template : Template.values()) {
            String text = read(template.name().toLowerCase(java.util.Locale.ROOT) + ".txt");
            if (!text.contains("{rules}")) {
                throw new IllegalStateException("prompt template " + template + " does not include the rules");
            }
            templates.put(template, text.replace("{rules}", rules));
        }
    }

    /** The system prompt in final form: the answer's language named in English, which models follow best. */
    public String system(Template template, Language language) {
        return templates.get(Objects.requireNonNull(template, "template"))
                .replace("{language}", languageName(language)).strip();
    }

    private static String languageName(Language language) {
        return switch (language) {
            case RU -> "Russian";
            case UZ -> "Uzbek (Latin script)";
            case EN -> "English";
        };
    }

    private static String read(String name) {
        try (InputStream in = PromptTemplates.class.getResourceAsStream("prompts/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing prompt resource prompts/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
