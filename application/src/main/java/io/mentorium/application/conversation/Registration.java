package io.mentorium.application.conversation;

import io.mentorium.application.conversation.CallbackData.ChooseStartLanguage;
import io.mentorium.application.conversation.CallbackData.ConfirmChild;
import io.mentorium.application.conversation.CallbackData.RejectChild;
import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.in.LinkLearner;
import io.mentorium.application.port.in.LinkLearner.CodeCheck;
import io.mentorium.application.port.in.RegisterParent;
import io.mentorium.application.port.out.ConversationStore;
import io.mentorium.application.port.out.Messenger.Button;
import io.mentorium.application.port.out.Messenger.Keyboard;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.Language;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The first /start (language, registration) and linking a child: e-mail, code, "is this your child?", linked. The
 * same steps serve a new parent and "Add a child".
 */
final class Registration {

    /** Longer than any e-mail address or link code: such a message is answered without being read. */
    static final int MAX_TYPED = Email.MAX_LENGTH;

    private final RegisterParent registerParent;
    private final LinkLearner linkLearner;
    private final ConversationStore store;
    private final Messages messages;
    private final MainMenu menu;
    private final TypedAnswer typedAnswer;
    private final TypedCode typedCode;

    Registration(RegisterParent registerParent, LinkLearner linkLearner, ConversationStore store, Messages messages,
                 MainMenu menu) {
        this.registerParent = registerParent;
        this.linkLearner = linkLearner;
        this.store = store;
        this.messages = messages;
        this.menu = menu;
        this.typedAnswer = new TypedAnswer(messages);
        this.typedCode = new TypedCode(messages, typedAnswer);
    }

    /** The greeting of a person the bot does not know yet, in the language their client suggests. */
    Outgoing languagePrompt(ChatId chat, Language preselected) {
        List<Button> buttons = new ArrayList<>();
        for (Language language : Language.values()) {
            String name = messages.plain(language, MessageKey.LANGUAGE_NAME);
            String label = language == preselected
                    ? messages.plain(preselected, MessageKey.BUTTON_SELECTED, name)
                    : name;
            buttons.add(new Button(label, CallbackData.encode(new ChooseStartLanguage(language))));
        }
        return new SendText(chat, messages.html(preselected, MessageKey.CHOOSE_LANGUAGE),
                new Keyboard.Inline(List.of(buttons)));
    }

    /** A stranger chose a language: they are registered and asked for the guardian e-mail. */
    PressAnswer start(ChatInput.ButtonPress press, Language chosen, Instant now) {
        String chosenText = register(press.sender(), chosen, now);
        return PressAnswer.of(Replies.editOrSend(press, chosenText, Keyboard.Inline.NONE),
                askEmail(press.sender().chatId(), chosen));
    }

    /** A stranger typed a language's name instead of pressing it ("English", "русский"): the same start. */
    List<Outgoing> start(ChatInput.Sender sender, Language chosen, Instant now) {
        String chosenText = register(sender, chosen, now);
        return List.of(new SendText(sender.chatId(), chosenText), askEmail(sender.chatId(), chosen));
    }

    /** Registers the stranger and opens the e-mail step; returns the line that confirms the language. */
    private String register(ChatInput.Sender sender, Language chosen, Instant now) {
        registerParent.register(new RegisterParent.Command(sender.userId(), sender.chatId(), chosen));
        store.save(sender.chatId(), FlowState.of(Step.AWAIT_EMAIL).toConversation(now));
        return messages.html(chosen, MessageKey.LANGUAGE_CHOSEN, messages.plain(chosen, MessageKey.LANGUAGE_NAME));
    }

    private SendText askEmail(ChatId chat, Language language) {
        return new SendText(chat, messages.html(language, MessageKey.WELCOME) + "\n\n"
                + messages.html(language, MessageKey.ASK_EMAIL));
    }

    /** "Add a child": the same steps as for a new parent, unless the parent has as many children as allowed. */
    List<Outgoing> beginLinking(Turn turn) {
        return full(turn).orElseGet(() -> {
            save(turn, FlowState.of(Step.AWAIT_EMAIL));
            return List.of(new SendText(turn.chat(), messages.html(turn.language(), MessageKey.ASK_EMAIL)));
        });
    }

    /** The answer to a parent who has as many children as allowed and would add another; empty otherwise. */
    private Optional<List<Outgoing>> full(Turn turn) {
        return turn.parent().links().size() < Parent.MAX_CHILDREN ? Optional.empty()
                : Optional.of(List.of(new SendText(turn.chat(),
                        messages.html(turn.language(), MessageKey.TOO_MANY_CHILDREN, Parent.MAX_CHILDREN))));
    }

    /**
     * Free text outside any flow that is plainly meant for linking: an e-mail address alone starts "Add a child" with
     * it (the code is asked for next), and a lone link code is answered with how linking goes and its button, since
     * without the e-mail it cannot be checked. Anything else is a question for the assistant (empty).
     */
    Optional<List<Outgoing>> outsideFlow(Turn turn, String text) {
        if (Email.parse(text).isPresent()) {
            return Optional.of(full(turn).orElseGet(() -> email(turn, FlowState.of(Step.AWAIT_EMAIL), text)));
        }
        if (!TypedCode.looksLikeALoneCode(text)) {
            return Optional.empty();
        }
        return Optional.of(List.of(toAddAChild(turn, MessageKey.CODE_OUTSIDE_FLOW)));
    }

    /** A text that names the "Add a child" button ({0}), with that button under it. */
    SendText toAddAChild(Turn turn, MessageKey text) {
        Language language = turn.language();
        String label = messages.plain(language, MessageKey.BUTTON_ADD_CHILD);
        return new SendText(turn.chat(), messages.html(language, text, label), new Keyboard.Inline(List.of(List.of(
                new Button(label, CallbackData.encode(new CallbackData.AddChild()))))));
    }

    /** Text typed during the linking flow. */
    List<Outgoing> onText(Turn turn, FlowState state, String text) {
        if (text.strip().length() > MAX_TYPED) {
            // Never parsed, never echoed: it cannot be an e-mail or a code.
            return reprompt(turn, state, MessageKey.TOO_LONG);
        }
        return switch (state.step()) {
            case AWAIT_EMAIL -> email(turn, state, text);
            case AWAIT_CODE -> Email.parse(text).isPresent() ? email(turn, state, text)
                    : typedCode.read(text).map(code -> code(turn, state, code))
                            .orElseGet(() -> reprompt(turn, state, MessageKey.NOT_A_CODE));
            case CONFIRM_CHILD -> switch (typedAnswer.of(text)) {
                case YES -> linkConfirmed(turn, state).orElseGet(() -> restart(turn));
                case NO -> notConfirmed(turn, state);
                case UNCLEAR -> reprompt(turn, state, MessageKey.ANSWER_WITH_BUTTONS);
            };
            case AWAIT_QUIET_HOURS, AWAIT_SUPPORT_MESSAGE ->
                    throw new IllegalStateException("not a linking step: " + state.step());
        };
    }

    /** A sticker, photo or voice message where text is expected. */
    List<Outgoing> onUnsupported(Turn turn, FlowState state) {
        return reprompt(turn, state, switch (state.step()) {
            case CONFIRM_CHILD -> MessageKey.ANSWER_WITH_BUTTONS;
            default -> MessageKey.ONLY_TEXT;
        });
    }

    PressAnswer confirm(Turn turn, ChatInput.ButtonPress press, ConfirmChild confirm) {
        Optional<FlowState> state = confirming(turn, confirm.ref());
        if (state.isEmpty()) {
            return stale(turn);
        }
        FlowState current = state.get();
        Optional<List<Outgoing>> linked = linkConfirmed(turn, current);
        if (linked.isEmpty()) {
            return stale(turn);
        }
        List<Outgoing> replies = new ArrayList<>();
        // The question loses its buttons whatever the outcome: it has been answered.
        replies.add(Replies.editOrSend(press, question(turn.language(), current), Keyboard.Inline.NONE));
        replies.addAll(linked.get());
        return PressAnswer.of(replies);
    }

    /**
     * Links the child the parent said yes to; empty, and the flow ended, when the state lacks the e-mail or the code.
     * A yes typed leaves the question's buttons in place (a text turn cannot edit that message): pressed later, they
     * are stale.
     */
    private Optional<List<Outgoing>> linkConfirmed(Turn turn, FlowState current) {
        Optional<Email> email = current.value(FlowState.EMAIL).flatMap(Email::parse);
        Optional<String> code = current.value(FlowState.CODE);
        if (email.isEmpty() || code.isEmpty()) {
            store.clear(turn.chat());
            return Optional.empty();
        }
        CodeCheck result = linkLearner.link(new LinkLearner.Request(turn.parentId(), email.get(), code.get()));
        return Optional.of(afterCheck(turn, codeStep(current), result));
    }

    /** A state that cannot go on: linking starts again at the e-mail. */
    private List<Outgoing> restart(Turn turn) {
        save(turn, FlowState.of(Step.AWAIT_EMAIL));
        return List.of(new SendText(turn.chat(), messages.html(turn.language(), MessageKey.ASK_EMAIL)));
    }

    PressAnswer reject(Turn turn, ChatInput.ButtonPress press, RejectChild reject) {
        Optional<FlowState> state = confirming(turn, reject.ref());
        if (state.isEmpty()) {
            return stale(turn);
        }
        List<Outgoing> replies = new ArrayList<>();
        replies.add(Replies.editOrSend(press, question(turn.language(), state.get()), Keyboard.Inline.NONE));
        replies.addAll(notConfirmed(turn, state.get()));
        return PressAnswer.of(replies);
    }

    /** Back to the code step, nobody linked. */
    private List<Outgoing> notConfirmed(Turn turn, FlowState state) {
        save(turn, codeStep(state));
        return List.of(new SendText(turn.chat(), messages.html(turn.language(), MessageKey.CHILD_NOT_CONFIRMED)));
    }

    private List<Outgoing> email(Turn turn, FlowState state, String text) {
        Optional<Email> email = Email.parse(text);
        if (email.isEmpty()) {
            save(turn, state);
            return List.of(new SendText(turn.chat(), messages.html(turn.language(), MessageKey.INVALID_EMAIL)));
        }
        FlowState next = new FlowState(Step.AWAIT_CODE, Map.of(FlowState.EMAIL, email.get().value()));
        save(turn, next);
        return List.of(new SendText(turn.chat(), prompt(turn.language(), next).html()));
    }

    private List<Outgoing> code(Turn turn, FlowState state, String code) {
        Optional<Email> email = state.value(FlowState.EMAIL).flatMap(Email::parse);
        if (email.isEmpty()) {
            // A state without its e-mail cannot go on: start the step again.
            return restart(turn);
        }
        CodeCheck result = linkLearner.check(new LinkLearner.Request(turn.parentId(), email.get(), code));
        if (result instanceof CodeCheck.CodeAccepted accepted) {
            Learner learner = accepted.learner();
            Map<String, String> values = new HashMap<>();
            values.put(FlowState.CODE, code);
            values.put(FlowState.LEARNER_REF, LearnerRef.of(learner.id()));
            values.put(FlowState.NAME, Replies.shorten(learner.fullName(), ChildText.MAX_NAME));
            learner.grade().ifPresent(grade -> values.put(FlowState.GRADE, Replies.shorten(grade, ChildText.MAX_GRADE)));
            FlowState next = state.with(Step.CONFIRM_CHILD, values);
            save(turn, next);
            Prompt question = prompt(turn.language(), next);
            return List.of(new SendText(turn.chat(), question.html(), question.keyboard()));
        }
        return afterCheck(turn, state, result);
    }

    /** The answers that end or continue the flow after a check or a link; {@code codeStep} is the state to stay in. */
    private List<Outgoing> afterCheck(Turn turn, FlowState codeStep, CodeCheck result) {
        Language language = turn.language();
        return switch (result) {
            case CodeCheck.Linked linked -> finish(turn, messages.html(language, MessageKey.CHILD_LINKED,
                    ChildText.describe(messages, language, linked.learner())));
            case CodeCheck.Rejected rejected -> stay(turn, codeStep,
                    messages.html(language, MessageKey.CODE_REJECTED, rejected.attemptsLeft()));
            case CodeCheck.Expired expired -> stay(turn, codeStep, messages.html(language, MessageKey.CODE_EXPIRED));
            case CodeCheck.Inactive inactive -> stay(turn, codeStep,
                    messages.html(language, MessageKey.LEARNER_INACTIVE));
            case CodeCheck.LockedOut locked -> finish(turn, messages.html(language, MessageKey.LOCKED_OUT,
                    minutesRoundedUp(locked.retryAfter())));
            case CodeCheck.AlreadyLinked already -> finish(turn, messages.html(language, MessageKey.ALREADY_LINKED,
                    ChildText.describe(messages, language, already.learner())));
            case CodeCheck.TooManyChildren tooMany -> finish(turn, messages.html(language,
                    MessageKey.TOO_MANY_CHILDREN, tooMany.limit()));
            case CodeCheck.CodeAccepted accepted ->
                    throw new IllegalStateException("a code accepted by link() means the link was not made");
            case CodeCheck.NotRegistered notRegistered -> {
                store.clear(turn.chat());
                yield List.of(languagePrompt(turn.chat(), language));
            }
        };
    }

    private List<Outgoing> stay(Turn turn, FlowState state, String html) {
        save(turn, state);
        return List.of(new SendText(turn.chat(), html));
    }

    /** The flow is over: the state goes and the main menu comes back. */
    private List<Outgoing> finish(Turn turn, String html) {
        store.clear(turn.chat());
        return List.of(new SendText(turn.chat(), html, menu.keyboard(turn.language())));
    }

    private List<Outgoing> reprompt(Turn turn, FlowState state, MessageKey notice) {
        save(turn, state);
        Prompt prompt = prompt(turn.language(), state);
        return List.of(new SendText(turn.chat(), messages.html(turn.language(), notice) + "\n\n" + prompt.html(),
                prompt.keyboard()));
    }

    private record Prompt(String html, Keyboard keyboard) {
    }

    private Prompt prompt(Language language, FlowState state) {
        return switch (state.step()) {
            case AWAIT_CODE -> new Prompt(messages.html(language, MessageKey.ASK_CODE,
                    state.value(FlowState.EMAIL).orElse("")), new Keyboard.Unchanged());
            case CONFIRM_CHILD -> {
                String ref = state.value(FlowState.LEARNER_REF).orElse("");
                yield new Prompt(question(language, state), new Keyboard.Inline(List.of(List.of(
                        new Button(messages.plain(language, MessageKey.BUTTON_YES),
                                CallbackData.encode(new ConfirmChild(ref))),
                        new Button(messages.plain(language, MessageKey.BUTTON_NO),
                                CallbackData.encode(new RejectChild(ref)))))));
            }
            default -> new Prompt(messages.html(language, MessageKey.ASK_EMAIL), new Keyboard.Unchanged());
        };
    }

    private String question(Language language, FlowState state) {
        return messages.html(language, MessageKey.CONFIRM_CHILD, ChildText.describe(messages, language,
                state.value(FlowState.NAME).orElse(""), state.value(FlowState.GRADE)));
    }

    /** The state, when the chat is confirming exactly the child this button was made for. */
    private static Optional<FlowState> confirming(Turn turn, String ref) {
        return turn.state()
                .filter(state -> state.is(Step.CONFIRM_CHILD))
                .filter(state -> state.value(FlowState.LEARNER_REF).filter(ref::equals).isPresent());
    }

    /** Back to waiting for a code, keeping the e-mail only. */
    private static FlowState codeStep(FlowState state) {
        return new FlowState(Step.AWAIT_CODE, state.value(FlowState.EMAIL)
                .map(email -> Map.of(FlowState.EMAIL, email))
                .orElseGet(Map::of));
    }

    private PressAnswer stale(Turn turn) {
        return PressAnswer.notice(messages.plain(turn.language(), MessageKey.STALE_BUTTON));
    }

    private void save(Turn turn, FlowState state) {
        store.save(turn.chat(), state.toConversation(turn.now()));
    }

    static long minutesRoundedUp(Duration duration) {
        long seconds = Math.max(duration.toSeconds(), 1);
        return (seconds + 59) / 60;
    }
}
