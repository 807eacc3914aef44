package io.mentorium.adapters.persistence.jdbi;

import static io.mentorium.application.port.out.contract.ContractData.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.ConversationStore;
import io.mentorium.application.port.out.ConversationStore.Conversation;
import io.mentorium.application.port.out.contract.ConversationStoreContract;
import io.mentorium.domain.shared.ChatId;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiConversationStoreContractTest extends ConversationStoreContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Override
    protected ConversationStore emptyStore() {
        db.truncate();
        return new JdbiConversationStore(db.jdbi());
    }

    @Test
    void a_backlog_larger_than_one_chunk_is_purged_completely_in_several_statements() {
        JdbiConversationStore chunked = new JdbiConversationStore(db.jdbi(), 2);
        IntStream.rangeClosed(1, 5).forEach(chat ->
                chunked.save(new ChatId(chat), new Conversation("a", Map.of("email", "x@example.com"), minutes(chat))));
        Conversation alive = new Conversation("b", Map.of(), minutes(60));
        chunked.save(new ChatId(6), alive);

        assertThat(chunked.purgeExpired(minutes(30))).isEqualTo(5);

        assertThat(chunked.find(new ChatId(6), minutes(30))).contains(alive);
        int left = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM bot.conversations")
                .mapTo(Integer.class).one());
        assertThat(left).isEqualTo(1);
    }

    @Test
    void a_backlog_of_exactly_one_chunk_ends_after_an_empty_statement() {
        JdbiConversationStore chunked = new JdbiConversationStore(db.jdbi(), 2);
        chunked.save(new ChatId(1), new Conversation("a", Map.of(), minutes(1)));
        chunked.save(new ChatId(2), new Conversation("a", Map.of(), minutes(2)));

        assertThat(chunked.purgeExpired(minutes(30))).isEqualTo(2);
        assertThat(chunked.purgeExpired(minutes(30))).isZero();
    }
}
