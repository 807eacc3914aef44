package io.mentorium.application.assistant;

import io.mentorium.application.port.in.AskAssistant;
import io.mentorium.application.port.out.AssistantQuestions;
import io.mentorium.application.port.out.AssistantQuestions.NewQuestion;
import io.mentorium.application.port.out.DialogRepository;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.FeatureAccess;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.AccessDecision;
import io.mentorium.domain.subscription.Feature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Records a question in the caller's transaction, after the access decision and the per-parent limit. The limit is
 * counted from the stored questions, so it holds across restarts and needs no memory per parent. The event log gets
 * the question's id and length, never its text.
 */
public final class AskAssistantService implements AskAssistant {

    static final Duration LIMIT_WINDOW = Duration.ofHours(1);

    private final AssistantQuestions questions;
    private final DialogRepository dialogs;
    private final FeatureAccess access;
    private final AssistantSettings settings;
    private final EventLog events;
    private final Clock clock;

    public AskAssistantService(AssistantQuestions questions, DialogRepository dialogs, FeatureAccess access,
                               AssistantSettings settings, Clock clock) {
        this(questions, dialogs, access, settings, EventLog.DISCARD, clock);
    }

    public AskAssistantService(AssistantQuestions questions, DialogRepository dialogs, FeatureAccess access,
                               AssistantSettings settings, EventLog events, Clock clock) {
        this.events = Objects.requireNonNull(events, "events");
        this.questions = Objects.requireNonNull(questions, "questions");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.access = Objects.requireNonNull(access, "access");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Outcome ask(Parent parent, ChatId chatId, String question) {
        Instant now = clock.instant();
        AccessDecision decision = access.decide(parent.id(), Feature.AI_ASSISTANT, now);
        if (decision instanceof AccessDecision.Denied denied) {
            return new Outcome.Paywall(denied);
        }
        int asked = questions.countAskedSince(parent.id(), now.minus(LIMIT_WINDOW));
        if (asked >= settings.questionsPerHour()) {
            return new Outcome.RateLimited(settings.questionsPerHour(), LIMIT_WINDOW);
        }
        long id = questions.add(new NewQuestion(parent.id(), chatId, question, OptionalLong.empty(), now));
        QuestionsAsked.record(id, parent.id());
        events.record(EventLog.Event.by(parent.id(), "assistant.asked", Map.of("question", Long.toString(id),
                "chars", Integer.toString(question.length()), "asked_last_hour", Integer.toString(asked + 1)), now));
        Optional<Instant> grace = decision instanceof AccessDecision.GrantedInGrace inGrace
                ? Optional.of(inGrace.graceEndsAt()) : Optional.empty();
        return new Outcome.Queued(id, grace);
    }

    /** The access decisions' reads and the hourly counts, one statement each for the whole batch. */
    @Override
    public void readAhead(Collection<TelegramUserId> parentIds) {
        if (parentIds.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        access.readAhead(parentIds, Feature.AI_ASSISTANT, now);
        questions.readAheadAsked(parentIds, now.minus(LIMIT_WINDOW));
    }

    @Override
    public int startNewDialog(Parent parent) {
        return dialogs.clear(parent.id());
    }
}
