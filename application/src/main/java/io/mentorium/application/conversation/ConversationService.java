package io.mentorium.application.conversation;

import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.conversation.CallbackData.Action;
import io.mentorium.application.port.in.AskAssistant;
import io.mentorium.application.port.in.BotCommands;
import io.mentorium.application.port.in.BuildReport;
import io.mentorium.application.port.in.ChangeSettings;
import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.in.ConverseWithParent;
import io.mentorium.application.port.in.LinkLearner;
import io.mentorium.application.port.in.ListChildren;
import io.mentorium.application.port.in.RecordUnreachableChat;
import io.mentorium.application.port.in.RegisterParent;
import io.mentorium.application.port.in.UnlinkLearner;
import io.mentorium.application.port.in.ViewParent;
import io.mentorium.application.port.in.ViewPastReports;
import io.mentorium.application.port.out.ConversationStore;
import io.mentorium.application.port.out.Messenger.AnswerCallback;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dialogue with a parent, channel-neutral: one input in, the replies out, the state of multi-step flows in the
 * {@link ConversationStore}. It never sends anything itself; the caller commits the replies with the state.
 *
 * <p>A menu-type input costs one {@link ViewParent} lookup and one state lookup, and writes nothing.
 */
public final class ConversationService implements ConverseWithParent, BotCommands {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationService.class);

    /** Longest question the assistant takes; anything longer is answered without being looked at. */
    static final int MAX_QUESTION = 1000;

    /** In the order Telegram's command menu shows them: what a parent uses most first. */
    private static final List<Command> COMMANDS = List.of(
            new Command("start", MessageKey.COMMAND_START),
            new Command("menu", MessageKey.COMMAND_MENU),
            new Command("report", MessageKey.COMMAND_REPORT, MainMenu.Item.REPORT),
            new Command("children", MessageKey.COMMAND_CHILDREN, MainMenu.Item.CHILDREN),
            new Command("subscription", MessageKey.COMMAND_SUBSCRIPTION, MainMenu.Item.SUBSCRIPTION),
            new Command("settings", MessageKey.COMMAND_SETTINGS, MainMenu.Item.SETTINGS),
            new Command("new", MessageKey.COMMAND_NEW),
            new Command("help", MessageKey.COMMAND_HELP),
            new Command("cancel", MessageKey.COMMAND_CANCEL),
            new Command("paysupport", MessageKey.COMMAND_PAYSUPPORT),
            new Command("terms", MessageKey.COMMAND_TERMS));

    /** The commands that stand for a menu key, by name. */
    private static final Map<String, MainMenu.Item> SHORTCUTS = COMMANDS.stream()
            .filter(command -> command.shortcut().isPresent())
            .collect(Collectors.toUnmodifiableMap(Command::name, command -> command.shortcut().get()));

    /** @param shortcut the menu key the command stands for, if it is one (/settings: Telegram's global command) */
    private record Command(String name, MessageKey description, Optional<MainMenu.Item> shortcut) {

        Command(String name, MessageKey description) {
            this(name, description, Optional.empty());
        }

        Command(String name, MessageKey description, MainMenu.Item shortcut) {
            this(name, description, Optional.of(shortcut));
        }
    }

    private final RegisterParent registerParent;
    private final ViewParent viewParent;
    private final RecordUnreachableChat unreachableChat;
    private final AskAssistant askAssistant;
    private final ConversationStore store;
    private final Clock clock;
    private final CoreSettings settings;
    private final Messages messages;
    private final MainMenu menu;
    private final Registration registration;
    private final TypedLanguage typedLanguage;
    private final ChildrenScreen children;
    private final SettingsScreen settingsScreen;
    private final ReportScreen reports;
    private final PastReportsScreen pastReports;
    private final SubscriptionScreen subscriptionScreen;
    private final ConversationBilling billing;
    private final AdminScreen adminScreen;
    private final SupportScreen supportScreen;
    private final DataRightsScreen rightsScreen;

    @Inject
    public ConversationService(RegisterParent registerParent, LinkLearner linkLearner, ListChildren listChildren,
                               UnlinkLearner unlinkLearner, BuildReport buildReport, ChangeSettings changeSettings,
                               AskAssistant askAssistant, ViewParent viewParent, RecordUnreachableChat unreachableChat,
                               ConversationStore store, Clock clock, CoreSettings settings,
                               ConversationBilling billing, ViewPastReports viewPastReports,
                               ConversationAdmin admin, ConversationRights rights) {
        this.registerParent = Objects.requireNonNull(registerParent, "registerParent");
        this.viewParent = Objects.requireNonNull(viewParent, "viewParent");
        this.unreachableChat = Objects.requireNonNull(unreachableChat, "unreachableChat");
        this.askAssistant = Objects.requireNonNull(askAssistant, "askAssistant");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.messages = new Messages();
        this.menu = new MainMenu(messages);
        this.registration = new Registration(registerParent, Objects.requireNonNull(linkLearner, "linkLearner"),
                store, messages, menu);
        this.typedLanguage = new TypedLanguage(messages);
        this.children = new ChildrenScreen(Objects.requireNonNull(listChildren, "listChildren"),
                Objects.requireNonNull(unlinkLearner, "unlinkLearner"), messages, settings.botTimeZone());
        this.settingsScreen = new SettingsScreen(Objects.requireNonNull(changeSettings, "changeSettings"), store,
                messages, menu);
        this.billing = Objects.requireNonNull(billing, "billing");
        this.subscriptionScreen = new SubscriptionScreen(billing, messages,
                settings);
        this.supportScreen = new SupportScreen(Objects.requireNonNull(admin, "admin").support(), store, messages, menu,
                settings.defaultLanguage());
        this.adminScreen = new AdminScreen(admin, messages, subscriptionScreen, supportScreen,
                settings.botTimeZone());
        this.rightsScreen = new DataRightsScreen(Objects.requireNonNull(rights, "rights"), messages);
        this.pastReports = new PastReportsScreen(Objects.requireNonNull(viewPastReports, "viewPastReports"),
                messages);
        this.reports = new ReportScreen(Objects.requireNonNull(buildReport, "buildReport"), new ReportText(messages),
                messages, pastReports);
    }

    /** Free text that is not a key of the menu may be a question to the assistant; anything else is urgent. */
    @Override
    public boolean urgent(ChatInput input) {
        return switch (input) {
            case ChatInput.Text text -> menu.match(text.text()).isPresent();
            case ChatInput.Unsupported unsupported -> false;
            default -> true;
        };
    }

    /** Every turn starts with the parent and the chat's state (see {@link #handle}): read them for all at once. */
    @Override
    public void readAhead(List<ChatInput> inputs) {
        List<ChatInput> turns = inputs.stream().filter(input -> !(input instanceof ChatInput.MembershipChanged))
                .toList();
        if (turns.size() < 2) {
            return;
        }
        viewParent.readAhead(turns.stream().map(input -> input.sender().userId()).toList());
        store.readAhead(turns.stream().map(input -> input.sender().chatId()).toList());
        // Free text is most often a question: what asking reads, read for all the batch's questions at once.
        readAheadFor(turns, input -> input instanceof ChatInput.Text && !urgent(input), askAssistant::readAhead);
        // The subscription screen, a menu key the parents of a batch often press together: its standing read at once.
        Instant now = clock.instant();
        readAheadFor(turns, this::opensSubscription, parents -> billing.subscriptions().readAhead(parents, now));
    }

    /** Reads ahead for the parents whose turns match, if more than one does (one alone reads as it goes). */
    private static void readAheadFor(List<ChatInput> turns, Predicate<ChatInput> which,
                                     Consumer<List<TelegramUserId>> read) {
        List<TelegramUserId> parents = turns.stream().filter(which).map(input -> input.sender().userId()).distinct()
                .toList();
        if (parents.size() > 1) {
            read.accept(parents);
        }
    }

    /** Whether the input is the subscription menu key or its command (the screen then reads the parent's standing). */
    private boolean opensSubscription(ChatInput input) {
        return switch (input) {
            case ChatInput.Text text -> menu.match(text.text()).filter(MainMenu.Item.SUBSCRIPTION::equals).isPresent();
            case ChatInput.Command command -> SHORTCUTS.get(command.name()) == MainMenu.Item.SUBSCRIPTION;
            default -> false;
        };
    }

    @Override
    public List<Outgoing> handle(ChatInput input) {
        Objects.requireNonNull(input, "input");
        if (input instanceof ChatInput.MembershipChanged changed) {
            if (changed.blocked()) {
                unreachableChat.recordBlocked(changed.sender().chatId());
            }
            // Unblocking says nothing by itself: the parent will press /start.
            return List.of();
        }
        Optional<Parent> found = viewParent.find(input.sender().userId());
        if (found.isEmpty()) {
            return stranger(input);
        }
        Parent parent = reachable(found.get(), input.sender());
        Instant now = clock.instant();
        Optional<FlowState> state = store.find(input.sender().chatId(), now).flatMap(FlowState::from);
        Turn turn = new Turn(input.sender(), parent, state, now);
        return switch (input) {
            case ChatInput.Command command -> command(turn, command);
            case ChatInput.Text text -> text(turn, text.text());
            case ChatInput.ButtonPress press -> answered(press, press(turn, press));
            case ChatInput.Unsupported unsupported -> unsupported(turn);
            case ChatInput.MembershipChanged changed -> List.of();
            // Answered on the receiving path within Telegram's 10 seconds; the inbox keeps the query, nothing to say.
            case ChatInput.PreCheckout preCheckout -> List.of();
            case ChatInput.SuccessfulPayment payment -> subscriptionScreen.paid(turn, payment);
            case ChatInput.RefundedPayment refunded -> subscriptionScreen.refunded(turn, refunded);
        };
    }

    @Override
    public List<Outgoing> apologize(ChatInput input) {
        try {
            if (input instanceof ChatInput.MembershipChanged) {
                return List.of();
            }
            Language language = apologyLanguage(input);
            List<Outgoing> replies = new ArrayList<>();
            if (input instanceof ChatInput.ButtonPress press) {
                press.callbackId().filter(id -> !id.isEmpty()).ifPresent(id ->
                        replies.add(new AnswerCallback(press.sender().chatId(), id, Optional.empty())));
            }
            replies.add(new SendText(input.sender().chatId(), messages.html(language, MessageKey.APOLOGY)));
            return List.copyOf(replies);
        } catch (RuntimeException failure) {
            LOG.error("Could not compose an apology for chat {}", input.sender().chatId(), failure);
            return List.of();
        }
    }

    @Override
    public List<Description> describe(Language language) {
        return COMMANDS.stream()
                .map(command -> new Description(command.name(), messages.plain(language, command.description())))
                .toList();
    }

    // --- people the bot does not know yet ----------------------------------------------------------------------

    private List<Outgoing> stranger(ChatInput input) {
        Language language = preselected(input.sender());
        if (input instanceof ChatInput.ButtonPress press) {
            Optional<Action> action = CallbackData.decode(press.data());
            if (action.isPresent() && action.get() instanceof CallbackData.ChooseStartLanguage start) {
                return answered(press, registration.start(press, start.language(), clock.instant()));
            }
            return answered(press, PressAnswer.notice(messages.plain(language, MessageKey.STALE_BUTTON),
                    registration.languagePrompt(press.sender().chatId(), language)));
        }
        if (input instanceof ChatInput.Command command) {
            // A parent's /paysupport opens the way to the support team (SupportScreen); a stranger has no account
            // that could have paid, and is told how to get one.
            Optional<MessageKey> info = informational(command.name()).or(() -> command.name().equals("paysupport")
                    ? Optional.of(MessageKey.PAYSUPPORT_STRANGER) : Optional.empty());
            if (info.isPresent()) {
                return List.of(new SendText(input.sender().chatId(), messages.html(language, info.get())));
            }
        }
        if (input instanceof ChatInput.Text text) {
            Optional<Language> typed = typedLanguage.named(text.text());
            if (typed.isPresent()) {
                return registration.start(input.sender(), typed.get(), clock.instant());
            }
        }
        // Whatever else they sent, the way in is choosing a language.
        return List.of(registration.languagePrompt(input.sender().chatId(), language));
    }

    private Language preselected(ChatInput.Sender sender) {
        return sender.languageCode().flatMap(Language::fromCode).orElse(settings.defaultLanguage());
    }

    /** A parent who blocked the bot and writes again is reachable again. */
    private Parent reachable(Parent parent, ChatInput.Sender sender) {
        if (parent.reachable() && parent.chatId().equals(sender.chatId())) {
            return parent;
        }
        return registerParent.register(new RegisterParent.Command(parent.id(), sender.chatId(), parent.language()))
                .parent();
    }

    // --- commands ----------------------------------------------------------------------------------------------

    private List<Outgoing> command(Turn turn, ChatInput.Command command) {
        Language language = turn.language();
        Optional<MessageKey> info = informational(command.name());
        if (info.isPresent()) {
            return List.of(new SendText(turn.chat(), messages.html(language, info.get())));
        }
        MainMenu.Item shortcut = SHORTCUTS.get(command.name());
        if (shortcut != null) {
            // As the menu key would: it leaves whatever flow was going on.
            leaveFlow(turn);
            return menuItem(turn, shortcut);
        }
        return switch (command.name()) {
            // A deep-link argument after /start is ignored: nothing in it is trusted or shown.
            case "start" -> {
                registerParent.register(new RegisterParent.Command(turn.parentId(), turn.chat(), language));
                yield menu(turn, MessageKey.WELCOME_BACK);
            }
            case "menu" -> menu(turn, MessageKey.MENU_SHOWN);
            case "paysupport" -> supportScreen.start(turn);
            case "cancel" -> menu(turn, turn.state().isPresent() ? MessageKey.CANCELLED : MessageKey.NOTHING_TO_CANCEL);
            case "new" -> {
                leaveFlow(turn);
                askAssistant.startNewDialog(turn.parent());
                yield List.of(new SendText(turn.chat(), messages.html(language, MessageKey.ASSISTANT_NEW_DIALOG)));
            }
            // Operators' commands; to anyone without the right, exactly the unknown-command answer.
            default -> adminScreen.command(turn, command).orElseGet(() ->
                    List.of(new SendText(turn.chat(), messages.html(language, MessageKey.UNKNOWN_COMMAND))));
        };
    }

    private static Optional<MessageKey> informational(String command) {
        return switch (command) {
            case "help" -> Optional.of(MessageKey.HELP);
            case "terms" -> Optional.of(MessageKey.TERMS);
            default -> Optional.empty();
        };
    }

    /** Leaves any flow and shows the main menu. */
    private List<Outgoing> menu(Turn turn, MessageKey text) {
        leaveFlow(turn);
        return List.of(new SendText(turn.chat(), messages.html(turn.language(), text), menu.keyboard(turn.language())));
    }

    private void leaveFlow(Turn turn) {
        if (turn.state().isPresent()) {
            store.clear(turn.chat());
        }
    }

    // --- text and other messages -------------------------------------------------------------------------------

    private List<Outgoing> text(Turn turn, String text) {
        Optional<MainMenu.Item> item = menu.match(text);
        if (item.isPresent()) {
            // A menu key leaves whatever flow was going on: it can never be an e-mail, a code or hours.
            leaveFlow(turn);
            return menuItem(turn, item.get());
        }
        if (turn.state().isPresent()) {
            FlowState state = turn.state().get();
            if (state.is(Step.AWAIT_SUPPORT_MESSAGE)) {
                return supportScreen.onText(turn, text);
            }
            return state.is(Step.AWAIT_QUIET_HOURS)
                    ? settingsScreen.typedQuietHours(turn, state, text)
                    : registration.onText(turn, state, text);
        }
        Optional<List<Outgoing>> linking = registration.outsideFlow(turn, text);
        return linking.isPresent() ? linking.get() : ask(turn, text.strip());
    }

    /** Free text outside a flow is a question to the assistant; its answer comes later, as a message of its own. */
    private List<Outgoing> ask(Turn turn, String question) {
        Language language = turn.language();
        if (question.isEmpty()) {
            return List.of(new SendText(turn.chat(), messages.html(language, MessageKey.USE_MENU),
                    menu.keyboard(language)));
        }
        if (question.length() > MAX_QUESTION) {
            return List.of(new SendText(turn.chat(), messages.html(language, MessageKey.ASSISTANT_TOO_LONG,
                    MAX_QUESTION)));
        }
        if (turn.parent().links().isEmpty()) {
            // Nothing to answer from yet, and no trial decided: the family's trial starts once a child is linked.
            return assistantNeedsAChild(turn);
        }
        return switch (askAssistant.ask(turn.parent(), turn.chat(), question)) {
            case AskAssistant.Outcome.Queued queued -> queued.graceEndsAt()
                    .map(until -> List.<Outgoing>of(new SendText(turn.chat(), messages.html(language,
                            MessageKey.ASSISTANT_GRACE, messages.dateFormat(language, MessageKey.FORMAT_DATE)
                                    .format(until.atZone(settings.botTimeZone()))))))
                    .orElse(List.of());
            case AskAssistant.Outcome.RateLimited limited -> List.of(new SendText(turn.chat(),
                    messages.html(language, MessageKey.ASSISTANT_RATE_LIMITED, limited.limit())));
            case AskAssistant.Outcome.Paywall paywall -> List.of(new SendText(turn.chat(),
                    messages.html(language, MessageKey.ASSISTANT_PAYWALL),
                    subscriptionScreen.subscribeButton(language)));
        };
    }

    private List<Outgoing> menuItem(Turn turn, MainMenu.Item item) {
        Language language = turn.language();
        return switch (item) {
            case CHILDREN -> children.show(turn);
            case REPORT -> reports.show(turn);
            case SETTINGS -> settingsScreen.show(turn);
            case ASSISTANT -> turn.parent().links().isEmpty() ? assistantNeedsAChild(turn)
                    : List.of(new SendText(turn.chat(), messages.html(language, MessageKey.ASSISTANT_INTRO)));
            case SUBSCRIPTION -> subscriptionScreen.show(turn);
            case HELP -> List.of(new SendText(turn.chat(), messages.html(language, MessageKey.HELP),
                    menu.keyboard(language)));
        };
    }

    /** The assistant answers about linked children only: with none linked, how to link one, and its button. */
    private List<Outgoing> assistantNeedsAChild(Turn turn) {
        return List.of(registration.toAddAChild(turn, MessageKey.ASSISTANT_NEEDS_A_CHILD));
    }

    private List<Outgoing> unsupported(Turn turn) {
        if (turn.state().isPresent()) {
            FlowState state = turn.state().get();
            if (state.is(Step.AWAIT_SUPPORT_MESSAGE)) {
                return supportScreen.onUnsupported(turn);
            }
            return state.is(Step.AWAIT_QUIET_HOURS)
                    ? settingsScreen.unsupportedQuietHours(turn, state)
                    : registration.onUnsupported(turn, state);
        }
        return List.of(new SendText(turn.chat(), messages.html(turn.language(), MessageKey.UNSUPPORTED_INPUT),
                menu.keyboard(turn.language())));
    }

    // --- buttons -----------------------------------------------------------------------------------------------

    private PressAnswer press(Turn turn, ChatInput.ButtonPress press) {
        Optional<Action> decoded = CallbackData.decode(press.data());
        if (decoded.isEmpty()) {
            return PressAnswer.notice(messages.plain(turn.language(), MessageKey.STALE_BUTTON));
        }
        return switch (decoded.get()) {
            // The registration flow is over for a known parent.
            case CallbackData.ChooseStartLanguage start ->
                    PressAnswer.notice(messages.plain(turn.language(), MessageKey.STALE_BUTTON));
            case CallbackData.AddChild add -> PressAnswer.of(registration.beginLinking(turn));
            case CallbackData.ConfirmChild confirm -> registration.confirm(turn, press, confirm);
            case CallbackData.RejectChild reject -> registration.reject(turn, press, reject);
            case CallbackData.AskUnlink ask -> children.askUnlink(turn, press, ask);
            case CallbackData.ConfirmUnlink confirm -> children.confirmUnlink(turn, press, confirm);
            case CallbackData.ShowChildren show -> children.back(turn, press);
            case CallbackData.OpenSettings open -> settingsScreen.open(turn, press, open);
            case CallbackData.SwitchLanguage switchTo -> settingsScreen.switchLanguage(turn, press, switchTo);
            case CallbackData.SwitchNotification notification ->
                    settingsScreen.switchNotification(turn, press, notification);
            case CallbackData.SetQuietHours quiet -> settingsScreen.setQuietHours(turn, press, quiet);
            case CallbackData.SwitchReport report -> settingsScreen.switchReport(turn, press, report);
            case CallbackData.OpenSubscription open -> PressAnswer.of(subscriptionScreen.show(turn));
            case CallbackData.Checkout checkout -> subscriptionScreen.checkout(turn, checkout);
            case CallbackData.ShowPastReports show -> pastReports.list(turn);
            case CallbackData.OpenPastReport open -> pastReports.open(turn, open);
            case CallbackData.ConfirmBroadcast confirm -> adminScreen.decideBroadcast(turn, press, confirm.id(), true);
            case CallbackData.CancelBroadcast cancel -> adminScreen.decideBroadcast(turn, press, cancel.id(), false);
            case CallbackData.ExportMyData export -> rightsScreen.export(turn);
            case CallbackData.AskForget ask -> rightsScreen.ask(turn, press);
            case CallbackData.ConfirmForget confirm -> rightsScreen.confirm(turn, press);
        };
    }

    /** Every press gets exactly one callback answer, first, so that the button stops spinning. */
    private static List<Outgoing> answered(ChatInput.ButtonPress press, PressAnswer answer) {
        List<Outgoing> replies = new ArrayList<>();
        // The console has no callback to answer.
        press.callbackId().filter(id -> !id.isEmpty()).ifPresent(id ->
                replies.add(new AnswerCallback(press.sender().chatId(), id, answer.notice())));
        replies.addAll(answer.messages());
        return List.copyOf(replies);
    }

    private Language apologyLanguage(ChatInput input) {
        try {
            return viewParent.find(input.sender().userId()).map(Parent::language)
                    .orElseGet(() -> preselected(input.sender()));
        } catch (RuntimeException lookupFailed) {
            // The failure being apologized for may be the database itself.
            LOG.warn("Could not look up the language of chat {} for an apology", input.sender().chatId(),
                    lookupFailed);
            return preselected(input.sender());
        }
    }
}
