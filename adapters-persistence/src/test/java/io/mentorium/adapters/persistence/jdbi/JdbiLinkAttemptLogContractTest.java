package io.mentorium.adapters.persistence.jdbi;

import static io.mentorium.application.port.out.contract.ContractData.minutes;
import static io.mentorium.application.port.out.contract.ContractData.parentId;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.LinkAttemptLog;
import io.mentorium.application.port.out.LinkAttemptLog.LinkAttempt;
import io.mentorium.application.port.out.LinkAttemptLog.Outcome;
import io.mentorium.application.port.out.contract.LinkAttemptLogContract;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.EmailKey;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiLinkAttemptLogContractTest extends LinkAttemptLogContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Override
    protected LinkAttemptLog emptyLog() {
        db.truncate();
        return new JdbiLinkAttemptLog(db.jdbi());
    }

    @Test
    void the_row_holds_the_key_and_never_the_address() {
        Email email = new Email("aziza.karimova@example.com");
        log.record(new LinkAttempt(parentId(501), EmailKey.of(email), Outcome.REJECTED, Optional.empty(), minutes(1)));

        List<String> row = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT concat_ws('|', parent_id, email_key, outcome, learner_id) FROM bot.link_attempts")
                .mapTo(String.class).list());
        assertThat(row).containsExactly("501|" + EmailKey.of(email).value() + "|REJECTED");
    }

    @Test
    void a_backlog_larger_than_one_chunk_is_forgotten_completely() {
        JdbiLinkAttemptLog chunked = new JdbiLinkAttemptLog(db.jdbi(), 2);
        EmailKey key = EmailKey.of(new Email("aziza.karimova@example.com"));
        IntStream.rangeClosed(1, 5).forEach(minute -> chunked.record(
                new LinkAttempt(parentId(501), key, Outcome.REJECTED, Optional.empty(), minutes(minute))));

        assertThat(chunked.forgetEmailKeysBefore(minutes(10))).isEqualTo(5);

        assertThat(chunked.failuresSince(key, minutes(0))).isEmpty();
        long keys = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(email_key) FROM bot.link_attempts").mapTo(Long.class).one());
        assertThat(keys).isZero();
    }
}
