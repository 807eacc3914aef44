package io.mentorium.domain.dialog;

/**
 * What an answer cost: the tokens counted locally and those the model's API reported (0 when it reported none). The
 * two are kept side by side so that a drift between the local count and the API shows up.
 */
public record TokenUsage(int promptCounted, int promptReported, int completionCounted, int completionReported) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0);

    public TokenUsage {
        if (promptCounted < 0 || promptReported < 0 || completionCounted < 0 || completionReported < 0) {
            throw new IllegalArgumentException("negative token count");
        }
    }
}
