package io.mentorium.application.service;

import static io.mentorium.application.service.Fixtures.AZIZ;
import static io.mentorium.application.service.Fixtures.MOTHER;
import static io.mentorium.application.service.Fixtures.MOTHER_EMAIL;
import static io.mentorium.application.service.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.in.RegisterParent.Command;
import io.mentorium.application.port.in.RegisterParent.Result;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.testing.DirectTransactionRunner;
import io.mentorium.application.testing.InMemoryEventLog;
import io.mentorium.application.testing.InMemoryParentRepository;
import io.mentorium.application.testing.MutableClock;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegisterParentServiceTest {

    private static final TelegramUserId OPERATOR = new TelegramUserId(77);

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryParentRepository parents = new InMemoryParentRepository();
    private final InMemoryEventLog events = new InMemoryEventLog();
    private final DirectTransactionRunner transactions = new DirectTransactionRunner();

    private final RegisterParentService service = service(Set.of(OPERATOR));

    private RegisterParentService service(Set<TelegramUserId> admins) {
        return new RegisterParentService(parents, events, transactions, new AdminRoster(admins), clock);
    }

    @Test
    void newUserIsRegisteredAsAParentInTheChosenLanguage() {
        Result result = service.register(new Command(MOTHER, new ChatId(1001), Language.UZ));

        Parent expected = Parent.register(MOTHER, new ChatId(1001), Language.UZ, ParentRole.PARENT, NOW);
        assertThat(result).isEqualTo(new Result.Registered(expected));
        assertThat(parents.findById(MOTHER)).contains(expected);
        assertThat(events.ofType("parent.registered")).containsExactly(new EventLog.Event("parent.registered",
                Optional.of(MOTHER), Map.of("language", "uz", "role", "PARENT"), NOW));
        assertThat(transactions.transactions()).isEqualTo(1);
    }

    @Test
    void userOnTheAdminRosterIsRegisteredAsAnAdmin() {
        Result result = service.register(new Command(OPERATOR, new ChatId(77), Language.EN));

        assertThat(result).isInstanceOf(Result.Registered.class);
        assertThat(result.parent().role()).isEqualTo(ParentRole.ADMIN);
        assertThat(parents.findById(OPERATOR)).map(Parent::isAdmin).contains(true);
    }

    @Test
    void registeringAgainChangesTheLanguageAndKeepsTheLinks() {
        service.register(new Command(MOTHER, new ChatId(1001), Language.RU));
        Parent withChild = parents.findById(MOTHER).orElseThrow();
        withChild.link(AZIZ.id(), MOTHER_EMAIL, NOW);
        parents.save(withChild);
        clock.advance(Duration.ofDays(3));

        Result again = service.register(new Command(MOTHER, new ChatId(1001), Language.EN));

        assertThat(again).isInstanceOf(Result.AlreadyRegistered.class);
        Parent stored = parents.findById(MOTHER).orElseThrow();
        assertThat(stored).isEqualTo(again.parent());
        assertThat(stored.language()).isEqualTo(Language.EN);
        assertThat(stored.learnerIds()).containsExactly(AZIZ.id());
        assertThat(stored.registeredAt()).isEqualTo(NOW);
        assertThat(events.ofType("parent.registered")).hasSize(1);
        assertThat(parents.count()).isEqualTo(1);
    }

    @Test
    void parentWhoBlockedTheBotIsReachableAgainInTheChatTheyWroteFrom() {
        service.register(new Command(MOTHER, new ChatId(1001), Language.RU));
        Parent blocked = parents.findById(MOTHER).orElseThrow();
        blocked.markBlocked(NOW);
        parents.save(blocked);

        service.register(new Command(MOTHER, new ChatId(5555), Language.RU));

        Parent stored = parents.findById(MOTHER).orElseThrow();
        assertThat(stored.reachable()).isTrue();
        assertThat(stored.chatId()).isEqualTo(new ChatId(5555));
    }

    @Test
    void parentAddedToTheRosterBecomesAnAdminOnTheNextStart() {
        service(Set.of()).register(new Command(OPERATOR, new ChatId(77), Language.RU));

        Result again = service.register(new Command(OPERATOR, new ChatId(77), Language.RU));

        assertThat(again.parent().role()).isEqualTo(ParentRole.ADMIN);
        assertThat(parents.findById(OPERATOR)).map(Parent::role).contains(ParentRole.ADMIN);
        assertThat(events.ofType("parent.role_changed")).containsExactly(new EventLog.Event("parent.role_changed",
                Optional.of(OPERATOR), Map.of("from", "PARENT", "to", "ADMIN"), NOW));
    }

    @Test
    void adminRemovedFromTheRosterLosesTheRightsOnTheNextStart() {
        service.register(new Command(OPERATOR, new ChatId(77), Language.RU));

        Result again = service(Set.of()).register(new Command(OPERATOR, new ChatId(77), Language.RU));

        assertThat(again.parent().role()).isEqualTo(ParentRole.PARENT);
        assertThat(parents.findById(OPERATOR)).map(Parent::isAdmin).contains(false);
    }

    @Test
    void registeringAgainWithNothingChangedRecordsNoEvent() {
        service.register(new Command(MOTHER, new ChatId(1001), Language.RU));

        service.register(new Command(MOTHER, new ChatId(1001), Language.RU));

        assertThat(events.recent(10)).hasSize(1);
        assertThat(transactions.transactions()).isEqualTo(2);
    }
}
