package io.mentorium.domain.parent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.notification.NotificationKind;
import io.mentorium.domain.notification.NotificationPreferences;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParentTest {

    private static final TelegramUserId ID = new TelegramUserId(42);
    private static final ChatId CHAT = new ChatId(4200);
    private static final Instant REGISTERED = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant LATER = REGISTERED.plusSeconds(3_600);
    private static final Email EMAIL = new Email("mother@example.com");
    private static final LearnerId AZIZA = new LearnerId("L1");
    private static final LearnerId BOBUR = new LearnerId("L2");

    private static Parent registered() {
        return Parent.register(ID, CHAT, Language.UZ, ParentRole.PARENT, REGISTERED);
    }

    private static Parent restored(ChatId chat, List<LearnerLink> links) {
        return Parent.restore(ID, chat, Language.RU, ParentRole.PARENT, NotificationPreferences.defaults(),
                Optional.empty(), REGISTERED, links);
    }

    @Test
    void registeredParentHasDefaultsAndNoChildren() {
        Parent parent = registered();

        assertThat(parent.id()).isEqualTo(ID);
        assertThat(parent.chatId()).isEqualTo(CHAT);
        assertThat(parent.language()).isEqualTo(Language.UZ);
        assertThat(parent.role()).isEqualTo(ParentRole.PARENT);
        assertThat(parent.isAdmin()).isFalse();
        assertThat(parent.preferences()).isEqualTo(NotificationPreferences.defaults());
        assertThat(parent.blockedAt()).isEmpty();
        assertThat(parent.reachable()).isTrue();
        assertThat(parent.registeredAt()).isEqualTo(REGISTERED);
        assertThat(parent.links()).isEmpty();
        assertThat(parent.learnerIds()).isEmpty();
    }

    @Test
    void linkingANewLearnerLinksItWithEmailAndInstant() {
        Parent parent = registered();

        assertThat(parent.link(AZIZA, EMAIL, LATER)).isEqualTo(LinkChange.LINKED);

        assertThat(parent.isLinkedTo(AZIZA)).isTrue();
        assertThat(parent.linkTo(AZIZA)).contains(new LearnerLink(AZIZA, EMAIL, LATER));
        assertThat(parent.learnerIds()).containsExactly(AZIZA);
    }

    @Test
    void linkingAnAlreadyLinkedLearnerKeepsTheFirstLink() {
        Parent parent = registered();
        parent.link(AZIZA, EMAIL, LATER);

        assertThat(parent.link(AZIZA, new Email("father@example.com"), LATER.plusSeconds(60)))
                .isEqualTo(LinkChange.ALREADY_LINKED);

        assertThat(parent.links()).containsExactly(new LearnerLink(AZIZA, EMAIL, LATER));
    }

    @Test
    void linksKeepTheOrderTheyWereMadeIn() {
        Parent parent = registered();
        parent.link(BOBUR, EMAIL, LATER);
        parent.link(AZIZA, EMAIL, LATER.plusSeconds(1));

        assertThat(parent.learnerIds()).containsExactly(BOBUR, AZIZA);
    }

    @Test
    void unlinkingRemovesTheLinkAndAnswersWhetherThereWasOne() {
        Parent parent = registered();
        parent.link(AZIZA, EMAIL, LATER);

        assertThat(parent.unlink(AZIZA)).isTrue();
        assertThat(parent.isLinkedTo(AZIZA)).isFalse();
        assertThat(parent.linkTo(AZIZA)).isEmpty();
        assertThat(parent.unlink(AZIZA)).isFalse();
    }

    @Test
    void linkingBeyondMaxChildrenIsRefused() {
        Parent parent = registered();
        for (int i = 0; i < Parent.MAX_CHILDREN; i++) {
            assertThat(parent.link(new LearnerId("L" + i), EMAIL, LATER)).isEqualTo(LinkChange.LINKED);
        }

        assertThat(parent.link(new LearnerId("one-too-many"), EMAIL, LATER)).isEqualTo(LinkChange.TOO_MANY_CHILDREN);

        assertThat(parent.links()).hasSize(Parent.MAX_CHILDREN);
        assertThat(parent.isLinkedTo(new LearnerId("one-too-many"))).isFalse();
    }

    @Test
    void relinkingOneOfMaxChildrenIsAlreadyLinkedNotTooMany() {
        Parent parent = registered();
        for (int i = 0; i < Parent.MAX_CHILDREN; i++) {
            parent.link(new LearnerId("L" + i), EMAIL, LATER);
        }

        assertThat(parent.link(new LearnerId("L3"), EMAIL, LATER)).isEqualTo(LinkChange.ALREADY_LINKED);
    }

    @Test
    void unlinkingAtTheLimitMakesRoomForAnotherChild() {
        Parent parent = registered();
        for (int i = 0; i < Parent.MAX_CHILDREN; i++) {
            parent.link(new LearnerId("L" + i), EMAIL, LATER);
        }
        parent.unlink(new LearnerId("L0"));

        assertThat(parent.link(new LearnerId("new"), EMAIL, LATER)).isEqualTo(LinkChange.LINKED);
    }

    @Test
    void restoreRejectsALearnerLinkedTwice() {
        List<LearnerLink> links = List.of(new LearnerLink(AZIZA, EMAIL, LATER),
                new LearnerLink(AZIZA, new Email("father@example.com"), LATER.plusSeconds(5)));

        assertThatIllegalArgumentException().isThrownBy(() -> restored(CHAT, links));
    }

    @Test
    void restoreKeepsEveryStoredField() {
        NotificationPreferences preferences = NotificationPreferences.defaults()
                .withKind(NotificationKind.RECOMMENDATION, false);
        Instant blockedAt = LATER.plusSeconds(100);
        List<LearnerLink> links = List.of(new LearnerLink(BOBUR, EMAIL, LATER), new LearnerLink(AZIZA, EMAIL, LATER));

        Parent parent = Parent.restore(ID, CHAT, Language.EN, ParentRole.ADMIN, preferences, Optional.of(blockedAt),
                REGISTERED, links);

        assertThat(parent.language()).isEqualTo(Language.EN);
        assertThat(parent.isAdmin()).isTrue();
        assertThat(parent.preferences()).isEqualTo(preferences);
        assertThat(parent.blockedAt()).contains(blockedAt);
        assertThat(parent.reachable()).isFalse();
        assertThat(parent.links()).isEqualTo(links);
    }

    @Test
    void markBlockedKeepsTheFirstInstant() {
        Parent parent = registered();

        parent.markBlocked(LATER);
        parent.markBlocked(LATER.plusSeconds(600));

        assertThat(parent.blockedAt()).contains(LATER);
        assertThat(parent.reachable()).isFalse();
    }

    @Test
    void markReachableClearsTheBlockAndSwitchesToTheCurrentChat() {
        Parent parent = registered();
        parent.markBlocked(LATER);
        ChatId otherChat = new ChatId(9900);

        parent.markReachable(otherChat);

        assertThat(parent.blockedAt()).isEmpty();
        assertThat(parent.reachable()).isTrue();
        assertThat(parent.chatId()).isEqualTo(otherChat);
    }

    @Test
    void blockingAgainAfterBeingReachableRecordsTheNewInstant() {
        Parent parent = registered();
        parent.markBlocked(LATER);
        parent.markReachable(CHAT);

        parent.markBlocked(LATER.plusSeconds(600));

        assertThat(parent.blockedAt()).contains(LATER.plusSeconds(600));
    }

    @Test
    void settingsChangesAreKept() {
        Parent parent = registered();
        NotificationPreferences quiet = NotificationPreferences.defaults().withQuietHours(Optional.empty());

        parent.changeLanguage(Language.EN);
        parent.changeRole(ParentRole.ADMIN);
        parent.changePreferences(quiet);

        assertThat(parent.language()).isEqualTo(Language.EN);
        assertThat(parent.isAdmin()).isTrue();
        assertThat(parent.preferences()).isEqualTo(quiet);
    }

    @Test
    void parentsWithTheSameStoredFieldsAreEqual() {
        List<LearnerLink> links = List.of(new LearnerLink(AZIZA, EMAIL, LATER));

        assertThat(restored(CHAT, links)).isEqualTo(restored(CHAT, links)).hasSameHashCodeAs(restored(CHAT, links));
    }

    @Test
    void parentsDifferingInAnyStoredFieldAreNotEqual() {
        List<LearnerLink> links = List.of(new LearnerLink(AZIZA, EMAIL, LATER));
        Parent original = restored(CHAT, links);

        assertThat(original).isNotEqualTo(restored(new ChatId(1), links));
        assertThat(original).isNotEqualTo(restored(CHAT, List.of()));
        assertThat(original).isNotEqualTo(restored(CHAT, List.of(new LearnerLink(AZIZA, EMAIL, LATER.plusNanos(1)))));

        Parent blocked = restored(CHAT, links);
        blocked.markBlocked(LATER);
        assertThat(original).isNotEqualTo(blocked);

        Parent otherLanguage = restored(CHAT, links);
        otherLanguage.changeLanguage(Language.UZ);
        assertThat(original).isNotEqualTo(otherLanguage);

        Parent otherPreferences = restored(CHAT, links);
        otherPreferences.changePreferences(NotificationPreferences.defaults().withQuietHours(Optional.empty()));
        assertThat(original).isNotEqualTo(otherPreferences);
    }

    @Test
    void linkListsHandedOutCannotChangeTheParent() {
        Parent parent = registered();
        parent.link(AZIZA, EMAIL, LATER);

        parent.learnerIds().clear();

        assertThat(parent.isLinkedTo(AZIZA)).isTrue();
        assertThat(parent.links()).hasSize(1);
    }
}
