package io.mentorium.application.pipeline;

import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.in.ConverseWithParent;
import io.mentorium.application.port.out.LearnerDirectory;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.learner.LinkCode;
import io.mentorium.domain.shared.Email;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A platform database that takes as long as a test wants to look a link code up, and fails the test if asked from
 * inside a bot transaction; plus the conversation that asks it: "link" looks a code up, anything else goes to another
 * conversation.
 */
final class SlowPlatform implements LearnerDirectory {

    private final BooleanSupplier insideTransaction;
    private final CountDownLatch entered;
    private final CountDownLatch answers = new CountDownLatch(1);

    /** @param insideTransaction whether the calling thread is inside a bot transaction now */
    SlowPlatform(BooleanSupplier insideTransaction) {
        this(insideTransaction, 1);
    }

    /** @param lookups how many lookups {@link #awaitLookup} waits for */
    SlowPlatform(BooleanSupplier insideTransaction, int lookups) {
        this.insideTransaction = insideTransaction;
        this.entered = new CountDownLatch(lookups);
    }

    /** Waits until the lookups this platform was made for have begun (all still waiting to be answered). */
    boolean awaitLookup() throws InterruptedException {
        return entered.await(20, TimeUnit.SECONDS);
    }

    /** Lets every lookup answer (no codes found). */
    void answer() {
        answers.countDown();
    }

    @Override
    public List<Learner> findByIds(Collection<LearnerId> ids) {
        return List.of();
    }

    @Override
    public List<LinkCode> findCodesForGuardian(Email email, String typedCode) {
        if (insideTransaction.getAsBoolean()) {
            throw new AssertionError("platform read inside a bot transaction");
        }
        entered.countDown();
        try {
            if (!answers.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the platform was never let answer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return List.of();
    }

    /** "link…" asks {@code directory} for codes (as the conversation does, deferred); the rest goes to {@code others}. */
    record LinkingConversation(LearnerDirectory directory, ConverseWithParent others) implements ConverseWithParent {

        @Override
        public boolean urgent(ChatInput input) {
            return others.urgent(input);
        }

        @Override
        public List<Outgoing> handle(ChatInput input) {
            if (input instanceof ChatInput.Text text && text.text().startsWith("link")) {
                List<LinkCode> codes = directory.findCodesForGuardian(new Email("a@example.com"), "123456");
                return List.of(new SendText(input.sender().chatId(), codes.isEmpty() ? "no such code" : "linked"));
            }
            return others.handle(input);
        }

        @Override
        public List<Outgoing> apologize(ChatInput input) {
            return others.apologize(input);
        }
    }
}
