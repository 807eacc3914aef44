package io.mentorium.application.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.mentorium.application.port.in.ListChildren;
import io.mentorium.application.port.out.AiAssistant;
import io.mentorium.application.port.out.AssistantQuestions.NewQuestion;
import io.mentorium.application.port.out.Messenger;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendResult;
import io.mentorium.application.port.out.Outbox.QueuedMessage;
import io.mentorium.application.port.out.TokenCounter;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.service.ListChildrenService;
import io.mentorium.application.service.ViewParentService;
import io.mentorium.application.testing.DirectTransactionRunner;
import io.mentorium.application.testing.InMemoryAssistantQuestions;
import io.mentorium.application.testing.InMemoryDialogRepository;
import io.mentorium.application.testing.InMemoryOutbox;
import io.mentorium.application.testing.InMemoryParentRepository;
import io.mentorium.application.testing.InMemoryPlatform;
import io.mentorium.application.testing.MutableClock;
import io.mentorium.application.testing.RecordingMessenger;
import io.mentorium.application.testing.ScriptedAiAssistant;
import io.mentorium.domain.dialog.DialogRole;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The desk over in-memory ports: answers go through the outbox once, previews are throttled drafts (or edits where
 * drafts are refused), failures are retried a bounded number of times and end in an apology, never in silence.
 */
class AssistantDeskTest {

    private static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");
    private static final Instant NOW = Instant.parse("2026-03-11T10:00:00Z");
    private static final TelegramUserId MOTHER = new TelegramUserId(501);
    private static final ChatId MOTHERS_CHAT = new ChatId(501);
    private static final Learner DILNOZA = new Learner(new LearnerId("L-1"), "Dilnoza Karimova", Optional.of("5"),
            TASHKENT, true);

    private final MutableClock clock = new MutableClock(NOW, TASHKENT);
    private final InMemoryAssistantQuestions questions = new InMemoryAssistantQuestions();
    private final InMemoryDialogRepository dialogs = new InMemoryDialogRepository();
    private final InMemoryParentRepository parents = new InMemoryParentRepository();
    private final InMemoryPlatform platform = new InMemoryPlatform()
            .learner(DILNOZA, new Email("aziza@example.com"));
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final RecordingMessenger messenger = new RecordingMessenger();
    private final BlockingQueue<QueuedMessage> delivered = new LinkedBlockingQueue<>();
    private final List<AiAssistant.ToolCall> toolCalls = new CopyOnWriteArrayList<>();
    private final AtomicInteger previewsSkipped = new AtomicInteger();
    private volatile boolean budgetHasRoom = true;
    private TransactionRunner transactions = new DirectTransactionRunner();
    /** Told of each read of a family's context (the desk's own, not the tools'). */
    private volatile java.util.function.Consumer<Parent> familyReads = parent -> {
    };
    private AssistantDesk desk;

    @AfterEach
    void stop() {
        if (desk != null) {
            desk.stop();
        }
    }

    @Test
    void anAnswerFromTheModelIsQueuedOnceWithTheExchangeStoredAndTheQuestionClosed() throws Exception {
        ScriptedAiAssistant model = new ScriptedAiAssistant((prompt, tools) -> {
            AiAssistant.ToolResult result = tools.call(AiAssistant.ToolCall.of("list_children", Map.of()));
            return "Dilnoza did **well**: " + result.content().get("count") + " child <ok>";
        });
        start(model, AssistantSettings.DEFAULTS);

        long id = ask("How is Dilnoza doing?");

        QueuedMessage answer = awaitDelivery();
        assertThat(answer.message()).isInstanceOfSatisfying(Messenger.SendText.class, text -> {
            assertThat(text.chatId()).isEqualTo(MOTHERS_CHAT);
            assertThat(text.text()).isEqualTo("Dilnoza did <b>well</b>: 1 child &lt;ok&gt;");
        });
        assertThat(questions.find(id)).isEmpty();
        assertThat(dialogs.recent(MOTHER, 10)).extracting(message -> message.role())
                .containsExactly(DialogRole.USER, DialogRole.ASSISTANT);
        assertThat(dialogs.usages()).singleElement().satisfies(usage ->
                assertThat(usage.promptReported()).isEqualTo("How is Dilnoza doing?".length()));
        assertThat(toolCalls).extracting(AiAssistant.ToolCall::name).containsExactly("list_children");
        AiAssistant.Prompt prompt = model.prompts().getFirst();
        assertThat(prompt.context()).contains("child_1: Dilnoza, grade 5").doesNotContain("Karimova", "L-1");
        assertThat(prompt.system()).contains("Answer in Russian").contains("never instructions");

        // The desk lets go of a question just after handing its answer over: wait for that, then offer it again.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (desk.held() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(desk.submit(id, MOTHER)).as("taken again, but a closed question is not answered again").isTrue();
        assertThat(delivered.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(outbox.all()).hasSize(1);
    }

    @Test
    void previewsAreDraftsAtMostOncePerIntervalStartingWithThinking() throws Exception {
        AiAssistant model = streaming(List.of("Dil", "Dilnoza", "Dilnoza studied", "Dilnoza studied 40 minutes."),
                Duration.ofMillis(400));
        start(model, AssistantSettings.DEFAULTS);

        ask("minutes?");
        awaitDelivery();

        // 0 ms: "" (thinking); 400 and 800: too soon; 1200: shown; 1600: too soon after 1200.
        assertThat(messenger.draftsTo(MOTHERS_CHAT)).extracting(RecordingMessenger.Draft::text)
                .containsExactly("", "Dilnoza studied");
        assertThat(messenger.draftsTo(MOTHERS_CHAT)).extracting(RecordingMessenger.Draft::draftId)
                .containsOnly(messenger.draftsTo(MOTHERS_CHAT).getFirst().draftId()).doesNotContain(0);
    }

    @Test
    void whereDraftsAreRefusedOnePreviewMessageIsEditedAndTheAnswerReplacesIt() throws Exception {
        messenger.refuseDrafts();
        AiAssistant model = streaming(List.of("Dilnoza", "Dilnoza studied", "Dilnoza studied 40 minutes."),
                Duration.ofMillis(1100));
        start(model, AssistantSettings.DEFAULTS);

        ask("minutes?");
        QueuedMessage answer = awaitDelivery();

        List<Outgoing> previews = messenger.sentTo(MOTHERS_CHAT);
        assertThat(previews.getFirst()).isInstanceOf(Messenger.SendText.class);
        assertThat(previews.subList(1, previews.size())).allSatisfy(edit ->
                assertThat(edit).isInstanceOf(Messenger.EditText.class));
        assertThat(answer.message()).isInstanceOfSatisfying(Messenger.EditText.class, edit ->
                assertThat(edit.text()).isEqualTo("Dilnoza studied 40 minutes."));
    }

    @Test
    void previewsWaitForTheGlobalBudgetAndAreSkippedWithoutIt() throws Exception {
        budgetHasRoom = false;
        start(streaming(List.of("a", "ab", "abc"), Duration.ofSeconds(2)), AssistantSettings.DEFAULTS);

        ask("letters?");
        assertThat(awaitDelivery().message()).isInstanceOf(Messenger.SendText.class);

        assertThat(messenger.draftsTo(MOTHERS_CHAT)).isEmpty();
        assertThat(previewsSkipped.get()).isEqualTo(4);
    }

    @Test
    void withoutAModelTheOfflineAssistantAnswersLabelled() throws Exception {
        ScriptedAiAssistant model = new ScriptedAiAssistant((prompt, tools) -> "never");
        model.available(false);
        start(model, AssistantSettings.DEFAULTS);

        ask("progress?");

        assertThat(((Messenger.SendText) awaitDelivery().message()).text())
                .isEqualTo("<i>offline &amp; label</i>\n\noffline answer to progress?");
        assertThat(model.prompts()).isEmpty();
    }

    @Test
    void whenTheModelIsUnavailableTheOfflineAnswerComesWithANotice() throws Exception {
        start(new ScriptedAiAssistant((prompt, tools) -> null), AssistantSettings.DEFAULTS);

        ask("progress?");

        assertThat(((Messenger.SendText) awaitDelivery().message()).text())
                .isEqualTo("<i>model unavailable</i>\n\noffline answer to progress?");
    }

    @Test
    void aFailingAnswerIsTriedAgainBoundedlyThenApologisedFor() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ScriptedAiAssistant model = new ScriptedAiAssistant((prompt, tools) -> {
            calls.incrementAndGet();
            throw new IllegalStateException("boom at aziza@example.com");
        });
        AssistantSettings settings = new AssistantSettings(30, 10, 2, 10, 100, Duration.ofSeconds(1),
                Duration.ofMillis(50));
        start(model, settings);

        long id = ask("progress?");

        QueuedMessage apology = awaitDelivery();
        assertThat(((Messenger.SendText) apology.message()).text()).contains("Извините");
        assertThat(calls.get()).isEqualTo(2);
        assertThat(questions.find(id)).isEmpty();
        assertThat(delivered.poll(300, TimeUnit.MILLISECONDS)).as("one apology only").isNull();
    }

    @Test
    void theFamilysContextIsReadOnceAfterTheStartsTransactionHasCommitted() throws Exception {
        List<Boolean> transactionOpen = new CopyOnWriteArrayList<>();
        familyReads = parent -> transactionOpen.add(((DirectTransactionRunner) transactions).inTransaction());
        ScriptedAiAssistant model = new ScriptedAiAssistant((prompt, tools) -> "Dilnoza is fine");
        start(model, AssistantSettings.DEFAULTS);

        ask("How is Dilnoza doing?");

        assertThat(((Messenger.SendText) awaitDelivery().message()).text()).isEqualTo("Dilnoza is fine");
        assertThat(transactionOpen).as("one platform read, with no bot transaction open").containsExactly(false);
        assertThat(model.prompts().getFirst().context()).contains("child_1: Dilnoza, grade 5");
    }

    @Test
    void aFamilyThatCannotBeReadIsTriedAgainBoundedlyThenApologisedFor() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        familyReads = parent -> {
            reads.incrementAndGet();
            throw new IllegalStateException("the platform is down");
        };
        AtomicInteger calls = new AtomicInteger();
        ScriptedAiAssistant model = new ScriptedAiAssistant((prompt, tools) -> {
            calls.incrementAndGet();
            return "never asked";
        });
        start(model, new AssistantSettings(30, 10, 2, 10, 100, Duration.ofSeconds(1), Duration.ofMillis(50)));

        long id = ask("progress?");

        assertThat(((Messenger.SendText) awaitDelivery().message()).text()).contains("Извините");
        assertThat(reads.get()).as("one read per attempt").isEqualTo(2);
        assertThat(calls.get()).as("the model is not asked without the family").isZero();
        assertThat(questions.find(id)).isEmpty();
        assertThat(delivered.poll(300, TimeUnit.MILLISECONDS)).as("one apology only").isNull();
    }

    @Test
    void answersFinishedTogetherAreClosedAndQueuedInOneTransactionAndOneStatementPerStepEachDeliveredOnce() throws Exception {
        int parentsAsking = 20;
        CountDownLatch modelsMayAnswer = new CountDownLatch(1);
        CountDownLatch firstClosingBegun = new CountDownLatch(1);
        AtomicInteger modelsAsked = new AtomicInteger();
        ScriptedAiAssistant model = new ScriptedAiAssistant((prompt, tools) -> {
            modelsAsked.incrementAndGet();
            try {
                modelsMayAnswer.await();
                // The first answer alone makes the first batch: the others finish once its closing has begun, so
                // that however late the closer wakes, they cannot join it.
                if (!prompt.question().equals("question 0")) {
                    firstClosingBegun.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "answer to " + prompt.question();
        });
        DirectTransactionRunner direct = new DirectTransactionRunner();
        CountDownLatch firstClosingMayCommit = new CountDownLatch(1);
        AtomicInteger held = new AtomicInteger();
        transactions = new TransactionRunner() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                // Once the models answer, the first closing transaction waits, so that the others pile up behind it.
                if (modelsMayAnswer.getCount() == 0 && held.getAndIncrement() == 0) {
                    firstClosingBegun.countDown();
                    try {
                        firstClosingMayCommit.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return direct.inTransaction(work);
            }
        };
        start(model, AssistantSettings.DEFAULTS);
        for (int i = 0; i < parentsAsking; i++) {
            TelegramUserId parent = new TelegramUserId(600 + i);
            parents.save(Parent.register(parent, new ChatId(600 + i), Language.EN, ParentRole.PARENT, NOW));
            desk.submit(questions.add(new NewQuestion(parent, new ChatId(600 + i), "question " + i,
                    OptionalLong.empty(), NOW)), parent);
        }
        awaitCondition("every model asked", () -> modelsAsked.get() == parentsAsking);
        int beforeClosing = direct.transactions();
        int closingsBefore = questions.closings();
        int appendsBefore = dialogs.exchangeAppends();
        int enqueuesBefore = outbox.enqueues();

        modelsMayAnswer.countDown();
        awaitCondition("every answer handed over to be closed", () -> desk.closing() == parentsAsking);
        firstClosingMayCommit.countDown();

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < parentsAsking; i++) {
            answers.add(((Messenger.SendText) awaitDelivery().message()).text());
        }
        assertThat(answers).hasSize(parentsAsking).doesNotHaveDuplicates().allMatch(text -> text.startsWith(
                "answer to question "));
        assertThat(direct.transactions() - beforeClosing).as("the first batch, then all the others together")
                .isEqualTo(2);
        // A statement for each step of a batch, not one for each answer.
        assertThat(questions.closings() - closingsBefore).as("closing statements").isEqualTo(2);
        assertThat(dialogs.exchangeAppends() - appendsBefore).as("exchange statements").isEqualTo(2);
        assertThat(outbox.enqueues() - enqueuesBefore).as("queueing statements").isEqualTo(2);
        assertThat(outbox.all()).hasSize(parentsAsking);
        assertThat(dialogs.usages()).hasSize(parentsAsking);
        assertThat(delivered.poll(300, TimeUnit.MILLISECONDS)).as("each once").isNull();
    }

    private static void awaitCondition(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within 10 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void aParentsQuestionsAreAnsweredInOrderEachSeeingTheAnswerBefore() throws Exception {
        ScriptedAiAssistant model = new ScriptedAiAssistant((prompt, tools) -> "answer to " + prompt.question());
        start(model, AssistantSettings.DEFAULTS);

        ask("first");
        ask("second");

        assertThat(((Messenger.SendText) awaitDelivery().message()).text()).isEqualTo("answer to first");
        assertThat(((Messenger.SendText) awaitDelivery().message()).text()).isEqualTo("answer to second");
        AiAssistant.Prompt second = model.prompts().get(1);
        assertThat(second.history()).extracting(message -> message.content())
                .containsExactly("first", "answer to first");
        assertThat(model.prompts().get(0).system()).as("a dialog opens with the welcome template")
                .contains("just opened a conversation");
        assertThat(second.system()).doesNotContain("just opened a conversation");
    }

    @Test
    void openQuestionsFromBeforeAStartAreAnsweredByTheSweep() throws Exception {
        parents.save(Parent.register(MOTHER, MOTHERS_CHAT, Language.EN, ParentRole.PARENT, NOW));
        long left = questions.add(new NewQuestion(MOTHER, MOTHERS_CHAT, "asked before a crash", OptionalLong.empty(),
                NOW));
        start(new ScriptedAiAssistant((prompt, tools) -> "late but here"), AssistantSettings.DEFAULTS);

        assertThat(((Messenger.SendText) awaitDelivery().message()).text()).isEqualTo("late but here");
        assertThat(questions.find(left)).isEmpty();
    }

    @Test
    void eMailsCodesAndLongNumbersNeverReachTheModel() throws Exception {
        ScriptedAiAssistant model = new ScriptedAiAssistant((prompt, tools) -> "ok");
        start(model, AssistantSettings.DEFAULTS);

        ask("my mail is aziza@example.com, code AZIZ-7K2Q, phone +998 90 123 45 67");
        awaitDelivery();

        assertThat(model.prompts().getFirst().question())
                .isEqualTo("my mail is [e-mail], code [code], phone [number]");
        assertThat(dialogs.recent(MOTHER, 1)).isNotEmpty();
    }

    @Test
    void theHistoryCarriesItsStoredCountsExceptWhereSomethingWasReplaced() throws Exception {
        ScriptedAiAssistant model = new ScriptedAiAssistant((prompt, tools) -> "ok");
        start(model, AssistantSettings.DEFAULTS);

        ask("my mail is aziza@example.com");
        awaitDelivery();
        ask("and maths?");
        awaitDelivery();
        ask("thanks");
        awaitDelivery();

        // The fake counter counts 3 + role + content characters; the model's adapter takes these counts as they are.
        assertThat(model.prompts().get(2).history())
                .extracting(message -> message.content(), message -> message.tokenCount())
                .containsExactly(tuple("my mail is [e-mail]", 0), tuple("ok", 3 + 9 + 2),
                        tuple("and maths?", 3 + 4 + 10), tuple("ok", 3 + 9 + 2));
    }

    @Test
    void aLongAnswerIsSplitIntoMessagesOfAtMost4096Characters() throws Exception {
        String paragraph = "Dilnoza & Aziz practised fractions. ".repeat(40).strip();
        String answer = String.join("\n\n", java.util.Collections.nCopies(12, paragraph));
        start(new ScriptedAiAssistant((prompt, tools) -> answer), AssistantSettings.DEFAULTS);

        ask("everything?");

        List<String> parts = new ArrayList<>();
        parts.add(((Messenger.SendText) awaitDelivery().message()).text());
        QueuedMessage next;
        while ((next = delivered.poll(200, TimeUnit.MILLISECONDS)) != null) {
            parts.add(((Messenger.SendText) next.message()).text());
        }
        assertThat(parts).hasSizeGreaterThan(3).allSatisfy(part -> {
            assertThat(part.length()).isLessThanOrEqualTo(Messenger.MAX_TEXT_LENGTH);
            assertThat(part).startsWith("Dilnoza").endsWith("fractions.");
        });
        assertThat(String.join("\n\n", parts)).isEqualTo(answer.replace("&", "&amp;"));
    }

    @Test
    void aDriftBetweenCountedAndReportedPromptTokensIsNoticedBeyondFivePercent() {
        assertThat(AssistantDesk.drifted(usage(1000, 1000))).isFalse();
        assertThat(AssistantDesk.drifted(usage(1000, 1040))).isFalse();
        assertThat(AssistantDesk.drifted(usage(1000, 1100))).isTrue();
        assertThat(AssistantDesk.drifted(usage(100, 110))).as("small prompts: a floor of 16").isFalse();
        assertThat(AssistantDesk.drifted(usage(1000, 0))).as("no usage reported").isFalse();
    }

    private static AiAssistant.Usage usage(int counted, int reported) {
        return new AiAssistant.Usage(1, counted, reported, 10, 10, counted, 0);
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private long ask(String text) {
        if (parents.findById(MOTHER).isEmpty()) {
            Parent mother = Parent.register(MOTHER, MOTHERS_CHAT, Language.RU, ParentRole.PARENT, NOW);
            mother.link(DILNOZA.id(), new Email("aziza@example.com"), NOW);
            parents.save(mother);
        }
        long id = questions.add(new NewQuestion(MOTHER, MOTHERS_CHAT, text, OptionalLong.empty(), clock.instant()));
        desk.submit(id, MOTHER);
        return id;
    }

    private void start(AiAssistant model, AssistantSettings settings) {
        ListChildren read = new ListChildrenService(parents, platform);
        ListChildren children = new ListChildren() {
            @Override
            public List<Child> list(TelegramUserId parentId) {
                return read.list(parentId);
            }

            @Override
            public List<Child> list(Parent parent) {
                familyReads.accept(parent);
                return read.list(parent);
            }
        };
        OfflineAnswers offline = new OfflineAnswers() {
            @Override
            public String answer(Language language, String question, AiAssistant.ToolBox tools) {
                return "offline answer to " + question;
            }

            @Override
            public String label(Language language) {
                return "offline & label";
            }

            @Override
            public String modelUnavailableNotice(Language language) {
                return "model unavailable";
            }
        };
        TokenCounter counter = new TokenCounter() {
            @Override
            public int count(String text) {
                return text.length();
            }

            @Override
            public int countMessage(String role, String content) {
                return 3 + role.length() + content.length();
            }
        };
        desk = new AssistantDesk(questions, dialogs, new ViewParentService(parents), children, model, offline,
                (parent, family) -> new AiAssistant.ToolBox() {
                    @Override
                    public List<AiAssistant.Tool> tools() {
                        return List.of();
                    }

                    @Override
                    public AiAssistant.ToolResult call(AiAssistant.ToolCall call) {
                        toolCalls.add(call);
                        return new AiAssistant.ToolResult(true, Map.of("count", children.list(parent.id()).size()));
                    }
                }, counter, outbox, transactions, io.mentorium.application.port.out.AssistantMetrics.NONE,
                clock, TASHKENT, settings);
        desk.start(messenger, send -> {
            if (!budgetHasRoom) {
                previewsSkipped.incrementAndGet();
                return Optional.empty();
            }
            return Optional.of(send.get());
        }, delivered::addAll);
    }

    /** A model that streams these texts, the clock moving {@code step} before each, and answers the last. */
    private AiAssistant streaming(List<String> texts, Duration step) {
        return new AiAssistant() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public Reply answer(Prompt prompt, ToolBox tools, java.util.function.Consumer<String> partialText) {
                for (String text : texts) {
                    clock.advance(step);
                    partialText.accept(text);
                }
                return new Reply.Answered(texts.getLast(), Usage.NONE);
            }
        };
    }

    private QueuedMessage awaitDelivery() throws InterruptedException {
        QueuedMessage message = delivered.poll(10, TimeUnit.SECONDS);
        assertThat(message).as("an answer delivered within 10 s").isNotNull();
        return message;
    }
}
