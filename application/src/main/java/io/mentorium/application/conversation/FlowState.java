package io.mentorium.application.conversation;

import io.mentorium.application.port.out.ConversationStore.Conversation;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A chat's place in a flow and what the flow gathered, as kept in the {@code ConversationStore}. */
record FlowState(Step step, Map<String, String> values) {

    /** A parent who walks away mid-flow for this long starts from the menu. */
    static final Duration TTL = Duration.ofMinutes(30);

    static final String EMAIL = "email";
    static final String CODE = "code";
    static final String LEARNER_REF = "ref";
    static final String NAME = "name";
    static final String GRADE = "grade";

    FlowState {
        Objects.requireNonNull(step, "step");
        values = Map.copyOf(values);
    }

    static FlowState of(Step step) {
        return new FlowState(step, Map.of());
    }

    static Optional<FlowState> from(Conversation conversation) {
        return Step.fromToken(conversation.step()).map(step -> new FlowState(step, conversation.values()));
    }

    Conversation toConversation(Instant now) {
        return new Conversation(step.token(), values, now.plus(TTL));
    }

    Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    FlowState with(Step next, Map<String, String> more) {
        Map<String, String> merged = new HashMap<>(values);
        merged.putAll(more);
        return new FlowState(next, merged);
    }

    boolean is(Step other) {
        return step == other;
    }
}
