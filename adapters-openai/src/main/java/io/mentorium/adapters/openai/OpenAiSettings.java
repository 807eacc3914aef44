package io.mentorium.adapters.openai;

import io.mentorium.application.config.Environment;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the model (contract §2). Without a key the offline assistant answers from data alone.
 */
public record OpenAiSettings(Optional<String> apiKey, URI baseUrl, String model, int promptTokenBudget) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.openai.com/v1");

    public OpenAiSettings {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
    }

    public static OpenAiSettings from(Environment env) {
        Optional<String> key = env.secret("OPENAI_API_KEY");
        URI baseUrl = env.httpUrl("OPENAI_BASE_URL", DEFAULT_BASE_URL, DEFAULT_BASE_URL + " (any OpenAI-compatible API)");
        String model = env.string("OPENAI_MODEL", "gpt-4o-mini");
        if (!model.matches("[A-Za-z0-9._:/-]{1,100}")) {
            env.problem("OPENAI_MODEL", "must be a model name such as gpt-4o-mini");
        }
        int budget = env.integer("AI_PROMPT_TOKEN_BUDGET", 6000, 500, 200_000);
        return new OpenAiSettings(key, baseUrl, model, budget);
    }

    public boolean offline() {
        return apiKey.isEmpty();
    }

    @Override
    public String toString() {
        return "OpenAiSettings[apiKey=" + (apiKey.isPresent() ? "***" : "none (offline assistant)") + ", baseUrl="
                + baseUrl + ", model=" + model + ", promptTokenBudget=" + promptTokenBudget + "]";
    }
}
