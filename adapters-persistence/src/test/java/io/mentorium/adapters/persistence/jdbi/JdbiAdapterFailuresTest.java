package io.mentorium.adapters.persistence.jdbi;

import static io.mentorium.application.port.out.contract.ContractData.minutes;
import static io.mentorium.application.port.out.contract.ContractData.newParent;
import static io.mentorium.application.port.out.contract.ContractData.parentId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.adapters.persistence.JdbiFactory;
import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.AssistantQuestions;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.domain.dialog.DialogMessage;
import io.mentorium.domain.dialog.DialogRole;
import io.mentorium.domain.dialog.TokenUsage;
import io.mentorium.domain.payment.Money;
import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.subscription.Grant;
import io.mentorium.domain.subscription.Plan;
import io.mentorium.domain.subscription.Subscription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/** What the Jdbi adapters do beyond the port contracts: how they fail. */
class JdbiAdapterFailuresTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private JdbiPaymentRepository payments;

    @BeforeEach
    void empty() {
        db.truncate();
        payments = new JdbiPaymentRepository(db.jdbi());
    }

    @Test
    void a_broken_constraint_is_named_and_no_stored_value_appears_in_any_message() {
        Payment first = payme("order-a");
        first.attachProviderTransaction("tx-4242-personal");
        payments.save(first);
        Payment second = payme("order-b");
        second.attachProviderTransaction("tx-4242-personal");

        // Nothing from JDBC, Jdbi or Hikari crosses the port: the exception stands alone.
        assertFailsPermanentlyWithout("tx-4242-personal", () -> payments.save(second))
                .hasMessage("Could not save a payment (SQLState 23505, constraint payments_provider_tx_unique)");
    }

    @Test
    void an_unreachable_database_is_a_transient_failure_without_a_library_exception_attached() {
        JdbiUpdateInbox unreachable = new JdbiUpdateInbox(unreachableJdbi());

        assertThatThrownBy(() -> unreachable.store(List.of(
                io.mentorium.application.port.out.contract.PipelineData.text(1, 1)), minutes(1)))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("Could not store updates (SQLState 08")
                .satisfies(e -> assertThat(((StorageException) e).category())
                        .isEqualTo(StorageException.Category.TRANSIENT))
                .satisfies(e -> assertThat(causes(e)).hasSize(1));
    }

    @Test
    void text_the_database_cannot_store_fails_without_repeating_it() {
        JdbiDialogRepository dialogs = new JdbiDialogRepository(db.jdbi());
        DialogMessage unstorable = new DialogMessage(parentId(5), DialogRole.USER, "my child Aziza \u0000 secret", 3,
                minutes(1));

        assertFailsPermanentlyWithout("Aziza", () -> dialogs.append(unstorable))
                .hasMessageStartingWith("Could not append a dialog message");
    }

    @Test
    void an_exchange_the_database_cannot_store_fails_as_a_whole_without_repeating_it() {
        JdbiDialogRepository dialogs = new JdbiDialogRepository(db.jdbi());
        DialogMessage question = new DialogMessage(parentId(5), DialogRole.USER, "How is Aziza?", 3, minutes(1));
        DialogMessage unstorable = new DialogMessage(parentId(5), DialogRole.ASSISTANT, "Aziza \u0000 secret", 3,
                minutes(1));

        assertFailsPermanentlyWithout("Aziza", () -> dialogs.appendExchange(question, unstorable, TokenUsage.NONE))
                .hasMessageStartingWith("Could not append a dialog exchange");

        assertThat(dialogs.recent(parentId(5), 10)).as("not the question alone either").isEmpty();
    }

    @Test
    void a_question_too_long_for_a_telegram_message_names_the_constraint_and_not_the_text() {
        JdbiAssistantQuestions questions = new JdbiAssistantQuestions(db.jdbi());
        String text = "Aziza " + "x".repeat(4096);

        assertFailsPermanentlyWithout("Aziza", () -> questions.add(new AssistantQuestions.NewQuestion(parentId(5),
                new ChatId(5), text, OptionalLong.empty(), minutes(1))))
                .hasMessage("Could not record a question (SQLState 23514, constraint assistant_questions_text_length)");
    }

    @Test
    void every_assistant_storage_method_fails_transiently_on_an_unreachable_database_without_a_library_exception() {
        Jdbi unreachable = unreachableJdbi();
        JdbiAssistantQuestions questions = new JdbiAssistantQuestions(unreachable);
        JdbiDialogRepository dialogs = new JdbiDialogRepository(unreachable);
        DialogMessage message = new DialogMessage(parentId(5), DialogRole.USER, "?", 1, minutes(1));
        Map<String, Runnable> calls = new LinkedHashMap<>();
        calls.put("add", () -> questions.add(new AssistantQuestions.NewQuestion(parentId(5), new ChatId(5), "?",
                OptionalLong.of(1), minutes(1))));
        calls.put("find", () -> questions.find(1));
        calls.put("open", () -> questions.open(0, 10));
        calls.put("startAttempt", () -> questions.startAttempt(1, minutes(1)));
        calls.put("close", () -> questions.close(1, AssistantQuestions.Closing.ANSWERED, minutes(1)));
        calls.put("countAskedSince", () -> questions.countAskedSince(parentId(5), minutes(1)));
        calls.put("purgeClosedBefore", () -> questions.purgeClosedBefore(minutes(1)));
        calls.put("appendExchange", () -> dialogs.appendExchange(message, message, TokenUsage.NONE));
        calls.put("purgeBefore", () -> dialogs.purgeBefore(minutes(1)));

        calls.forEach((name, call) -> assertThatThrownBy(call::run).as(name)
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("Could not ")
                .satisfies(e -> assertThat(((StorageException) e).category())
                        .isEqualTo(StorageException.Category.TRANSIENT))
                .satisfies(e -> assertThat(causes(e)).hasSize(1)));
    }

    @Test
    void a_reused_payment_id_for_a_different_payment_is_refused() {
        payments.save(payme("order-c"));
        Payment impostor = Payment.create(new PaymentId("order-c"), parentId(999), Plan.YEAR, Money.stars(1),
                PaymentProvider.STARS, minutes(9));

        assertThatThrownBy(() -> payments.save(impostor)).isInstanceOf(StorageException.class);

        assertThat(payments.findById(new PaymentId("order-c"))).contains(payme("order-c"));
    }

    @Test
    void a_payment_grants_a_plan_to_one_parent_only() {
        JdbiSubscriptionRepository subscriptions = new JdbiSubscriptionRepository(db.jdbi());
        Grant grant = new Grant(new PaymentId("paid-once"), Plan.MONTH, minutes(1));
        subscriptions.save(Subscription.of(parentId(1), List.of(grant)));

        assertThatThrownBy(() -> subscriptions.save(Subscription.of(parentId(2), List.of(grant))))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("subscription_grants_pkey");

        assertThat(subscriptions.findFor(parentId(2)).grants()).isEmpty();
        assertThat(subscriptions.findFor(parentId(1)).grants()).containsExactly(grant);
    }

    @Test
    void a_storage_failure_inside_a_transaction_rolls_back_the_earlier_writes() {
        JdbiTransactionRunner transactions = new JdbiTransactionRunner(db.jdbi());
        JdbiParentRepository parents = new JdbiParentRepository(db.jdbi());
        Payment taken = payme("order-d");
        taken.attachProviderTransaction("tx-taken");
        payments.save(taken);

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            parents.save(newParent(77));
            Payment clash = payme("order-e");
            clash.attachProviderTransaction("tx-taken");
            payments.save(clash);
        })).isInstanceOf(StorageException.class);

        assertThat(parents.findById(parentId(77))).isEmpty();
        assertThat(payments.findById(new PaymentId("order-e"))).isEmpty();
    }

    private static Payment payme(String id) {
        return Payment.create(new PaymentId(id), parentId(701), Plan.MONTH, Money.uzs(99_000), PaymentProvider.PAYME,
                minutes(0));
    }

    private static Jdbi unreachableJdbi() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2");
        return JdbiFactory.create(nowhere);
    }

    /** A permanent failure that repeats nothing stored, {@code secret} in particular, and carries no library cause. */
    private static AbstractThrowableAssert<?, ? extends Throwable> assertFailsPermanentlyWithout(String secret,
                                                                                               ThrowingCallable call) {
        return assertThatThrownBy(call)
                .isInstanceOf(StorageException.class)
                .satisfies(e -> assertThat(((StorageException) e).category())
                        .isEqualTo(StorageException.Category.PERMANENT))
                .satisfies(e -> assertThat(messages(e)).noneMatch(m -> m.contains(secret)))
                .satisfies(e -> assertThat(causes(e)).hasSize(1));
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static List<String> messages(Throwable e) {
        return causes(e).stream().map(t -> String.valueOf(t.getMessage()) + " " + t).toList();
    }
}
