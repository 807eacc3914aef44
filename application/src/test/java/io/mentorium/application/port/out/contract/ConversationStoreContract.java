package io.mentorium.application.port.out.contract;

import static io.mentorium.application.port.out.contract.ContractData.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.out.ConversationStore;
import io.mentorium.application.port.out.ConversationStore.Conversation;
import io.mentorium.domain.shared.ChatId;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ConversationStore} must do. Subclasses hand out an empty store per test. */
public abstract class ConversationStoreContract {

    private static final ChatId CHAT = new ChatId(501);
    private static final ChatId OTHER_CHAT = new ChatId(-100_500_600_700L);

    protected ConversationStore conversations;

    protected abstract ConversationStore emptyStore();

    @BeforeEach
    final void startEmpty() {
        conversations = emptyStore();
    }

    @Test
    void a_chat_without_a_state_has_none() {
        assertThat(conversations.find(CHAT, minutes(0))).isEmpty();
    }

    @Test
    void a_saved_state_round_trips_with_its_values_and_expiry() {
        Conversation state = new Conversation("awaiting_code", Map.of("email", "aziza.karimova@example.com",
                "learner", "L-42", "quote", PipelineData.AWKWARD_TEXT, "empty", ""), minutes(60));

        conversations.save(CHAT, state);

        assertThat(conversations.find(CHAT, minutes(1))).contains(state);
    }

    @Test
    void a_state_without_values_round_trips() {
        Conversation state = new Conversation("choosing_language", Map.of(), minutes(60));

        conversations.save(CHAT, state);

        assertThat(conversations.find(CHAT, minutes(1))).contains(state);
    }

    @Test
    void a_state_is_found_up_to_its_expiry_and_not_after() {
        Conversation state = new Conversation("awaiting_email", Map.of(), minutes(30));
        conversations.save(CHAT, state);

        assertThat(conversations.find(CHAT, minutes(30))).contains(state);
        assertThat(conversations.find(CHAT, minutes(30).plusNanos(1_000))).isEmpty();
        assertThat(conversations.find(CHAT, minutes(90))).isEmpty();
    }

    @Test
    void saving_again_overwrites_the_whole_state() {
        conversations.save(CHAT, new Conversation("awaiting_email", Map.of("a", "1", "b", "2"), minutes(30)));
        Conversation next = new Conversation("awaiting_code", Map.of("b", "3"), minutes(45));

        conversations.save(CHAT, next);

        assertThat(conversations.find(CHAT, minutes(1))).contains(next);
    }

    @Test
    void saving_over_an_expired_state_revives_the_chat() {
        conversations.save(CHAT, new Conversation("awaiting_email", Map.of(), minutes(1)));
        Conversation fresh = new Conversation("awaiting_code", Map.of(), minutes(60));

        conversations.save(CHAT, fresh);

        assertThat(conversations.find(CHAT, minutes(30))).contains(fresh);
    }

    @Test
    void states_belong_to_their_chat_and_clearing_one_leaves_the_other() {
        Conversation mine = new Conversation("awaiting_email", Map.of("x", "1"), minutes(30));
        Conversation theirs = new Conversation("confirm_unlink", Map.of("learner", "L-9"), minutes(30));
        conversations.save(CHAT, mine);
        conversations.save(OTHER_CHAT, theirs);

        conversations.clear(CHAT);

        assertThat(conversations.find(CHAT, minutes(1))).isEmpty();
        assertThat(conversations.find(OTHER_CHAT, minutes(1))).contains(theirs);
        conversations.clear(CHAT);
    }

    @Test
    void purge_deletes_only_states_expired_before_now() {
        conversations.save(CHAT, new Conversation("a", Map.of(), minutes(10)));
        conversations.save(OTHER_CHAT, new Conversation("b", Map.of(), minutes(20)));
        Conversation alive = new Conversation("c", Map.of(), minutes(40));
        conversations.save(new ChatId(3), alive);

        assertThat(conversations.purgeExpired(minutes(20))).isEqualTo(1);

        assertThat(conversations.find(OTHER_CHAT, minutes(20))).isPresent();
        assertThat(conversations.purgeExpired(minutes(30))).isEqualTo(1);
        assertThat(conversations.find(new ChatId(3), minutes(30))).contains(alive);
        assertThat(conversations.purgeExpired(minutes(30))).isZero();
    }
}
