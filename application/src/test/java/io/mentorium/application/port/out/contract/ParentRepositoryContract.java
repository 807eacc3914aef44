package io.mentorium.application.port.out.contract;

import static io.mentorium.application.port.out.contract.ContractData.learner;
import static io.mentorium.application.port.out.contract.ContractData.linked;
import static io.mentorium.application.port.out.contract.ContractData.minutes;
import static io.mentorium.application.port.out.contract.ContractData.newParent;
import static io.mentorium.application.port.out.contract.ContractData.parentId;
import static io.mentorium.application.port.out.contract.ContractData.richParent;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.domain.notification.NotificationKind;
import io.mentorium.domain.notification.NotificationPreferences;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.report.ReportKind;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ParentRepository} must do. Subclasses hand out an empty repository per test. */
public abstract class ParentRepositoryContract {

    protected ParentRepository parents;

    /** An empty repository; called before each test. */
    protected abstract ParentRepository emptyRepository();

    @BeforeEach
    final void startEmpty() {
        parents = emptyRepository();
    }

    @Test
    void an_unknown_parent_is_not_found() {
        assertThat(parents.findById(parentId(42))).isEmpty();
        assertThat(parents.count()).isZero();
    }

    @Test
    void a_new_parent_round_trips_with_default_preferences() {
        Parent parent = newParent(7);

        parents.save(parent);

        assertThat(parents.findById(parentId(7))).contains(parent);
    }

    @Test
    void every_stored_field_round_trips_including_links_in_their_order() {
        Parent parent = richParent(8);

        parents.save(parent);

        Parent loaded = parents.findById(parentId(8)).orElseThrow();
        assertThat(loaded).isEqualTo(parent);
        assertThat(loaded.links()).isEqualTo(parent.links());
        assertThat(loaded.preferences()).isEqualTo(parent.preferences());
        assertThat(loaded.blockedAt()).isEqualTo(parent.blockedAt());
        assertThat(loaded.chatId()).isEqualTo(parent.chatId());
        assertThat(loaded.registeredAt()).isEqualTo(parent.registeredAt());
    }

    @Test
    void preferences_without_quiet_hours_and_without_reports_round_trip() {
        Parent parent = newParent(9);
        parent.changePreferences(new NotificationPreferences(Set.of(), Optional.empty(), Set.of()));

        parents.save(parent);

        Parent loaded = parents.findById(parentId(9)).orElseThrow();
        assertThat(loaded.preferences().quietHours()).isEmpty();
        assertThat(loaded.preferences().reports()).isEmpty();
        assertThat(loaded.preferences().enabledKinds()).containsExactly(NotificationKind.SYSTEM);
        assertThat(loaded).isEqualTo(parent);
    }

    @Test
    void saving_again_replaces_the_parent_and_its_links() {
        Parent parent = richParent(10);
        parents.save(parent);

        parent.unlink(learner("L-alpha"));
        linked(parent, "L-new", "new.guardian@example.com", 300);
        parent.changeLanguage(Language.EN);
        parent.changeRole(ParentRole.PARENT);
        parent.markReachable(new ChatId(10_010));
        parent.changePreferences(NotificationPreferences.defaults().withReport(ReportKind.WEEKLY, false)
                .withKind(NotificationKind.MISSED_DAYS, false));
        parents.save(parent);

        Parent loaded = parents.findById(parentId(10)).orElseThrow();
        assertThat(loaded).isEqualTo(parent);
        assertThat(loaded.learnerIds()).containsExactly(learner("L-zeta"), learner("L-mid"), learner("L-new"));
        assertThat(loaded.blockedAt()).isEmpty();
        assertThat(parents.count()).isEqualTo(1);
    }

    @Test
    void an_unlinked_learner_no_longer_finds_the_parent() {
        Parent parent = linked(linked(newParent(11), "L1", "mom@example.com", 5), "L2", "mom@example.com", 6);
        parents.save(parent);

        parent.unlink(learner("L1"));
        parents.save(parent);

        assertThat(parents.findLinkedTo(learner("L1"))).isEmpty();
        assertThat(parents.findLinkedTo(learner("L2"))).containsExactly(parent);
    }

    @Test
    void removing_every_link_is_persisted() {
        Parent parent = linked(newParent(12), "L1", "mom@example.com", 5);
        parents.save(parent);

        parent.unlink(learner("L1"));
        parents.save(parent);

        assertThat(parents.findById(parentId(12)).orElseThrow().links()).isEmpty();
    }

    @Test
    void both_guardians_of_one_learner_are_found_and_no_one_else() {
        Parent mother = linked(newParent(21), "L-shared", "mom@example.com", 1);
        Parent father = linked(linked(newParent(22), "L-other", "dad@example.com", 2), "L-shared", "dad@example.com", 3);
        Parent stranger = linked(newParent(23), "L-other", "x@example.com", 4);
        parents.save(stranger);
        parents.save(father);
        parents.save(mother);

        List<Parent> found = parents.findLinkedTo(learner("L-shared"));

        assertThat(found).containsExactlyInAnyOrder(mother, father);
        assertThat(parents.findLinkedTo(learner("L-nobody"))).isEmpty();
    }

    @Test
    void a_parent_is_found_by_their_chat_and_under_the_new_chat_once_it_changed() {
        Parent rich = richParent(81);
        parents.save(rich);
        Parent moving = newParent(82);
        parents.save(moving);

        moving.markReachable(new ChatId(82_082));
        parents.save(moving);

        assertThat(parents.findByChat(rich.chatId())).contains(rich);
        assertThat(parents.findByChat(new ChatId(82_082))).contains(moving);
        assertThat(parents.findByChat(new ChatId(82))).isEmpty();
        assertThat(parents.findByChat(new ChatId(404))).isEmpty();
    }

    @Test
    void a_loaded_parent_is_a_copy_until_saved() {
        parents.save(newParent(31));
        Parent loaded = parents.findById(parentId(31)).orElseThrow();

        loaded.changeLanguage(Language.UZ);

        assertThat(parents.findById(parentId(31)).orElseThrow().language()).isEqualTo(Language.RU);
    }

    @Test
    void pages_run_in_id_order_after_the_given_id_and_respect_the_limit() {
        for (long id : new long[] {50, 10, 40, 20, 30}) {
            parents.save(linked(newParent(id), "L" + id, "p" + id + "@example.com", id));
        }

        assertThat(ids(parents.findPage(Optional.empty(), 2))).containsExactly(10L, 20L);
        assertThat(ids(parents.findPage(Optional.of(parentId(20)), 2))).containsExactly(30L, 40L);
        assertThat(ids(parents.findPage(Optional.of(parentId(25)), 10))).containsExactly(30L, 40L, 50L);
        assertThat(ids(parents.findPage(Optional.of(parentId(40)), 2))).containsExactly(50L);
        assertThat(parents.findPage(Optional.of(parentId(50)), 2)).isEmpty();
        assertThat(parents.findPage(Optional.empty(), 2).getFirst()).isEqualTo(parents.findById(parentId(10)).orElseThrow());
    }

    @Test
    void a_page_holds_whole_parents_with_their_links() {
        Parent rich = richParent(60);
        parents.save(rich);
        parents.save(newParent(61));

        assertThat(parents.findPage(Optional.empty(), 10)).containsExactly(rich, newParent(61));
    }

    @Test
    void ids_beyond_the_int_range_page_correctly() {
        long big = 7_000_000_000L;
        parents.save(newParent(big + 1));
        parents.save(newParent(5));
        parents.save(newParent(big));

        assertThat(ids(parents.findPage(Optional.empty(), 10))).containsExactly(5L, big, big + 1);
        assertThat(ids(parents.findPage(Optional.of(parentId(big)), 10))).containsExactly(big + 1);
    }

    @Test
    void count_counts_parents_not_links() {
        parents.save(richParent(71));
        parents.save(newParent(72));
        parents.save(newParent(72));

        assertThat(parents.count()).isEqualTo(2);
    }

    private static List<Long> ids(List<Parent> page) {
        return page.stream().map(Parent::id).map(TelegramUserId::value).toList();
    }
}
