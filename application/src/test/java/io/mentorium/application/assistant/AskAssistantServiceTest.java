package io.mentorium.application.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.in.AskAssistant.Outcome;
import io.mentorium.application.port.out.FeatureAccess;
import io.mentorium.application.testing.InMemoryAssistantQuestions;
import io.mentorium.application.testing.InMemoryDialogRepository;
import io.mentorium.application.testing.MutableClock;
import io.mentorium.domain.dialog.DialogMessage;
import io.mentorium.domain.dialog.DialogRole;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.AccessDecision;
import io.mentorium.domain.subscription.Feature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AskAssistantServiceTest {

    private static final Instant NOW = Instant.parse("2026-03-11T10:00:00Z");
    private static final Parent MOTHER = Parent.register(new TelegramUserId(7), new ChatId(7), Language.EN,
            ParentRole.PARENT, NOW);

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryAssistantQuestions questions = new InMemoryAssistantQuestions();
    private final InMemoryDialogRepository dialogs = new InMemoryDialogRepository();
    private AccessDecision decision = new AccessDecision.Granted(Optional.empty());
    private final AskAssistantService ask = new AskAssistantService(questions, dialogs,
            (parent, feature, at) -> {
                assertThat(feature).isEqualTo(Feature.AI_ASSISTANT);
                return decision;
            }, new AssistantSettings(3, 10, 3, 10, 100, Duration.ofSeconds(1), Duration.ofSeconds(30)), clock);

    @AfterEach
    void forgetCollected() {
        QuestionsAsked.end();
    }

    @Test
    void aQuestionIsRecordedAndCollectedForTheHandOverAfterCommit() {
        QuestionsAsked.begin();

        Outcome outcome = ask.ask(MOTHER, MOTHER.chatId(), "How is Aziz?");

        assertThat(outcome).isInstanceOf(Outcome.Queued.class);
        long id = ((Outcome.Queued) outcome).questionId();
        assertThat(questions.find(id)).hasValueSatisfying(question ->
                assertThat(question.text()).isEqualTo("How is Aziz?"));
        assertThat(QuestionsAsked.end()).containsExactly(new QuestionsAsked.Asked(id, MOTHER.id()));
    }

    @Test
    void theLimitPerHourAnswersRateLimitedAndRecordsNothingUntilTheWindowMoves() {
        for (int i = 0; i < 3; i++) {
            assertThat(ask.ask(MOTHER, MOTHER.chatId(), "q" + i)).isInstanceOf(Outcome.Queued.class);
            clock.advance(Duration.ofMinutes(10));
        }

        assertThat(ask.ask(MOTHER, MOTHER.chatId(), "one too many")).isEqualTo(
                new Outcome.RateLimited(3, Duration.ofHours(1)));
        assertThat(questions.open(Long.MIN_VALUE, 10)).hasSize(3);

        clock.advance(Duration.ofMinutes(31));
        assertThat(ask.ask(MOTHER, MOTHER.chatId(), "the first left the window"))
                .isInstanceOf(Outcome.Queued.class);
    }

    @Test
    void readingAheadHandsTheParentsToTheAccessGateNowAndToTheQuestionsFromAnHourAgo() {
        List<String> calls = new ArrayList<>();
        AskAssistantService reading = new AskAssistantService(questions, dialogs,
                new FeatureAccess() {
                    @Override
                    public AccessDecision decide(TelegramUserId parentId, Feature feature, Instant at) {
                        return decision;
                    }

                    @Override
                    public void readAhead(Collection<TelegramUserId> parentIds, Feature feature, Instant at) {
                        calls.add("access " + parentIds + " " + feature + " at " + at);
                    }
                }, new AssistantSettings(3, 10, 3, 10, 100, Duration.ofSeconds(1), Duration.ofSeconds(30)), clock);

        reading.readAhead(List.of(new TelegramUserId(7), new TelegramUserId(8)));
        reading.readAhead(List.of());

        assertThat(calls).containsExactly("access [7, 8] AI_ASSISTANT at " + NOW);
        assertThat(questions.readAheads()).containsExactly(
                Map.entry(List.of(new TelegramUserId(7), new TelegramUserId(8)), NOW.minus(Duration.ofHours(1))));
    }

    @Test
    void aDeniedParentMeetsThePaywallAndAParentInGraceIsToldUntilWhen() {
        decision = new AccessDecision.Denied(Feature.AI_ASSISTANT, Optional.of(NOW.minus(Duration.ofDays(5))));
        assertThat(ask.ask(MOTHER, MOTHER.chatId(), "q")).isInstanceOf(Outcome.Paywall.class);
        assertThat(questions.open(Long.MIN_VALUE, 10)).isEmpty();

        Instant graceEnds = NOW.plus(Duration.ofDays(2));
        decision = new AccessDecision.GrantedInGrace(graceEnds);
        assertThat(ask.ask(MOTHER, MOTHER.chatId(), "q")).isInstanceOfSatisfying(Outcome.Queued.class, queued ->
                assertThat(queued.graceEndsAt()).contains(graceEnds));
    }

    @Test
    void aNewDialogForgetsTheParentsMessages() {
        dialogs.append(new DialogMessage(MOTHER.id(), DialogRole.USER, "old", 3, NOW));
        dialogs.append(new DialogMessage(MOTHER.id(), DialogRole.ASSISTANT, "older answer", 4, NOW));

        assertThat(ask.startNewDialog(MOTHER)).isEqualTo(2);
        assertThat(dialogs.recent(MOTHER.id(), 10)).isEqualTo(List.of());
    }
}
