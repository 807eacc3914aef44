package io.mentorium.application.conversation;

import io.mentorium.application.admin.BroadcastAnnouncementService;
import io.mentorium.application.admin.ContactSupportService;
import io.mentorium.application.admin.ExportSpreadsheetService;
import io.mentorium.application.admin.FindParentService;
import io.mentorium.application.rights.ExportMyDataService;
import io.mentorium.application.rights.ForgetParentService;
import io.mentorium.application.port.out.PersonalData;
import io.mentorium.application.admin.ManageStaffService;
import io.mentorium.application.admin.ViewStatisticsService;
import io.mentorium.application.billing.BillingSettings;
import io.mentorium.application.port.out.OperatorQueries;
import io.mentorium.application.port.out.SpreadsheetWriter;
import io.mentorium.application.testing.InMemoryBroadcasts;
import io.mentorium.application.testing.InMemoryStaffRoles;
import io.mentorium.domain.shared.TimeWindow;
import io.mentorium.application.billing.RefundStarsPaymentService;
import io.mentorium.application.billing.SettlePaymentService;
import io.mentorium.application.billing.StartCheckoutService;
import io.mentorium.application.billing.SubscriptionFeatureAccess;
import io.mentorium.application.billing.ViewSubscriptionService;
import io.mentorium.application.port.out.CheckoutLinks;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.testing.InMemoryOutbox;
import io.mentorium.application.testing.InMemoryPaymentRepository;
import io.mentorium.application.testing.InMemorySubscriptionRepository;
import io.mentorium.application.testing.InMemoryTrials;
import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.shared.PaymentId;
import java.net.URI;
import java.util.EnumSet;
import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.config.Environment;
import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.in.ViewParent;
import io.mentorium.application.port.out.ConversationStore;
import io.mentorium.application.port.out.Messenger.AnswerCallback;
import io.mentorium.application.port.out.Messenger.Button;
import io.mentorium.application.port.out.Messenger.EditText;
import io.mentorium.application.port.out.Messenger.Keyboard;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.service.AdminRoster;
import io.mentorium.application.service.BuildReportService;
import io.mentorium.application.service.ViewPastReportsService;
import io.mentorium.application.testing.InMemoryReportHistory;
import io.mentorium.application.service.ChangeSettingsService;
import io.mentorium.application.service.LinkLearnerService;
import io.mentorium.application.service.ListChildrenService;
import io.mentorium.application.service.RegisterParentService;
import io.mentorium.application.service.UnlinkLearnerService;
import io.mentorium.application.service.ViewParentService;
import io.mentorium.application.testing.DirectTransactionRunner;
import io.mentorium.application.testing.InMemoryConversationStore;
import io.mentorium.application.testing.InMemoryEventLog;
import io.mentorium.application.testing.InMemoryLinkAttemptLog;
import io.mentorium.application.testing.InMemoryParentRepository;
import io.mentorium.application.testing.InMemoryPlatform;
import io.mentorium.application.testing.MutableClock;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.learner.LinkCode;
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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The conversation over the real use-case services and the in-memory fakes: two families on the platform (the
 * Karimovs with two children, the Rashidovs with one), a child whose name needs escaping, and helpers to talk to the
 * bot as a person in a chat would.
 */
final class ConversationFixture {

    /** Wednesday 12 March 2025, 15:00 in Tashkent. */
    static final Instant NOW = Instant.parse("2025-03-12T10:00:00Z");
    static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");

    static final String KARIMOVA_EMAIL = "aziza.karimova@example.com";
    static final String RASHIDOV_EMAIL = "dilnoza.rashidova@example.com";
    static final String ODD_EMAIL = "odd.family@example.com";

    static final Learner AZIZ = learner("L-1", "Aziz Karimov", "7");
    static final Learner MALIKA = learner("L-2", "Malika Karimova", "4");
    static final Learner TIMUR = learner("L-9", "Timur Rashidov", "9");
    static final Learner ODD = learner("L-odd", "<script>&Bobby", "5<b>");
    /** A child of the Karimovs whose account the platform has deactivated. */
    static final Learner RAVSHAN = new Learner(new LearnerId("L-3"), "Ravshan Karimov", Optional.of("10"), TASHKENT,
            false);

    static final String AZIZ_CODE = "AZIZ-7K2Q";
    static final String MALIKA_CODE = "MALI-4P8D";
    static final String TIMUR_CODE = "TIMU-9X3Z";
    static final String ODD_CODE = "ODD-1111";
    static final String EXPIRED_CODE = "OLD-0000";
    static final String RAVSHAN_CODE = "RAVS-1010";

    final MutableClock clock = new MutableClock(NOW, TASHKENT);
    final InMemoryParentRepository parents = new InMemoryParentRepository();
    final InMemoryLinkAttemptLog attempts = new InMemoryLinkAttemptLog();
    final InMemoryEventLog events = new InMemoryEventLog();
    final DirectTransactionRunner transactions = new DirectTransactionRunner();
    final CountingStore store = new CountingStore(new InMemoryConversationStore());
    final InMemoryPlatform platform = new InMemoryPlatform()
            .learner(AZIZ, new Email(KARIMOVA_EMAIL))
            .learner(MALIKA, new Email(KARIMOVA_EMAIL))
            .learner(TIMUR, new Email(RASHIDOV_EMAIL))
            .learner(ODD, new Email(ODD_EMAIL))
            .learner(RAVSHAN, new Email(KARIMOVA_EMAIL))
            .code(new LinkCode(RAVSHAN.id(), RAVSHAN_CODE, Optional.empty()))
            .code(new LinkCode(AZIZ.id(), AZIZ_CODE, Optional.empty()))
            .code(new LinkCode(MALIKA.id(), MALIKA_CODE, Optional.of(NOW.plusSeconds(86_400))))
            .code(new LinkCode(MALIKA.id(), EXPIRED_CODE, Optional.of(NOW.minusSeconds(86_400))))
            .code(new LinkCode(TIMUR.id(), TIMUR_CODE, Optional.empty()))
            .code(new LinkCode(ODD.id(), ODD_CODE, Optional.empty()));
    final List<ChatId> blockedChats = new CopyOnWriteArrayList<>();
    final AtomicInteger parentLookups = new AtomicInteger();
    final CoreSettings settings = CoreSettings.from(new Environment(Map.of("BOT_TIMEZONE", TASHKENT.getId(),
            "DEFAULT_LOCALE", "ru")));
    final Messages messages = new Messages();
    final InMemoryReportHistory history = new InMemoryReportHistory();
    final RecordingAskAssistant assistant = new RecordingAskAssistant();
    final InMemoryPaymentRepository payments = new InMemoryPaymentRepository();
    final InMemorySubscriptionRepository subscriptions = new InMemorySubscriptionRepository();
    final InMemoryTrials trials = new InMemoryTrials();
    final InMemoryOutbox outbox = new InMemoryOutbox();
    final List<Outbox.QueuedMessage> delivered = new CopyOnWriteArrayList<>();
    /** The providers switched on; a test changes it. */
    final Set<PaymentProvider> providers = EnumSet.allOf(PaymentProvider.class);
    final CheckoutLinks links = new CheckoutLinks() {
        @Override
        public Set<PaymentProvider> enabled() {
            return EnumSet.copyOf(providers.isEmpty() ? EnumSet.noneOf(PaymentProvider.class) : providers);
        }

        @Override
        public Optional<URI> payPage(Payment order, Language language) {
            return order.provider() == PaymentProvider.STARS ? Optional.empty()
                    : Optional.of(URI.create("https://pay.example/" + order.provider().name().toLowerCase()
                    + "?order=" + order.id() + "&l=" + language.code()));
        }
    };
    /** Telegram's answer to a Stars refund; the charge ids asked for. */
    volatile boolean telegramRefunds = true;
    final List<String> refundedCharges = new CopyOnWriteArrayList<>();
    final AtomicInteger orderNumber = new AtomicInteger();
    /** The admin named in the configuration. */
    static final long CONFIGURED_ADMIN = 2009;
    final InMemoryStaffRoles staffRoles = new InMemoryStaffRoles();
    final ManageStaffService staff = new ManageStaffService(staffRoles,
            new AdminRoster(Set.of(new TelegramUserId(CONFIGURED_ADMIN))), events, transactions, clock);
    /** What /stats shows; a test replaces it. */
    volatile OperatorQueries.Statistics statistics = new OperatorQueries.Statistics(0, 0, 0, 0, List.of(), 0, 0, 0,
            0, 0, 0);
    final OperatorQueries queries = new OperatorQueries() {
        @Override
        public Statistics statistics(TimeWindow revenue, TimeWindow today, Instant now, ZoneId zone) {
            return statistics;
        }

        @Override
        public Table export(ExportKind kind, TimeWindow period, int limit) {
            return exportTable;
        }

        @Override
        public List<TelegramUserId> parentsLinkedVia(Email email, int limit) {
            return parents.findPage(Optional.empty(), 1000).stream()
                    .filter(parent -> parent.links().stream().anyMatch(link -> link.viaEmail().equals(email)))
                    .map(Parent::id).limit(limit).toList();
        }
    };
    /** What /export reads; a test replaces it. */
    volatile OperatorQueries.Table exportTable = new OperatorQueries.Table(List.of("order", "amount"),
            List.of(List.of("order-1", 990)));
    /** Writes a sheet as lines of tab-separated cells, so that a test can read what went in. */
    final SpreadsheetWriter spreadsheets = new SpreadsheetWriter() {
        @Override
        public String extension() {
            return "tsv";
        }

        @Override
        public byte[] write(List<Sheet> sheets) {
            StringBuilder text = new StringBuilder();
            for (Sheet sheet : sheets) {
                text.append(String.join("\t", sheet.header())).append('\n');
                sheet.rows().forEach(row -> text.append(String.join("\t",
                        row.stream().map(String::valueOf).toList())).append('\n'));
            }
            return text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    };
    /** The parent's profile only, from the repository; erasing removes the parent. */
    final PersonalData personalData = new PersonalData() {
        @Override
        public List<Section> collect(TelegramUserId parent) {
            return parents.findById(parent).map(found -> List.of(new Section("profile",
                    List.of("telegram_user_id", "language", "children"),
                    List.of(List.<Object>of(found.id().value(), found.language().code(), found.links().size())))))
                    .orElse(List.of());
        }

        @Override
        public Map<String, Integer> erase(TelegramUserId parent, long pseudonym, Instant at) {
            parents.delete(parent);
            return Map.of("parents", 1);
        }
    };
    final InMemoryBroadcasts broadcasts = new InMemoryBroadcasts();
    final BroadcastAnnouncementService announcements = new BroadcastAnnouncementService(staff, broadcasts, parents,
            outbox, events, transactions, clock, TASHKENT, messages, 2);
    final SettlePaymentService settle = new SettlePaymentService(payments, subscriptions, parents, events, outbox,
            transactions, clock, settings, delivered::addAll);
    final SubscriptionFeatureAccess access = new SubscriptionFeatureAccess(subscriptions, trials, parents, events,
            transactions, settings, new BillingSettings(7));
    final ConversationBilling billing = new ConversationBilling(new ViewSubscriptionService(access, links),
            new StartCheckoutService(parents, payments, links, events, transactions, clock, settings,
                    () -> new PaymentId("order-" + orderNumber.incrementAndGet())),
            settle,
            new RefundStarsPaymentService(staff, payments, (payer, charge) -> {
                refundedCharges.add(charge);
                return telegramRefunds;
            }, settle, events, transactions, clock));

    /** Replaced by a test to make the parent lookup fail. */
    volatile ViewParent viewParent = new ViewParentService(parents);

    final ConversationService conversation = new ConversationService(
            new RegisterParentService(parents, events, transactions, new AdminRoster(Set.of()), clock),
            new LinkLearnerService(parents, platform, attempts, events, trials, transactions, clock),
            new ListChildrenService(parents, platform),
            new UnlinkLearnerService(parents, events, transactions, clock),
            new BuildReportService(parents, platform, platform, clock),
            new ChangeSettingsService(parents, transactions),
            assistant,
            id -> {
                parentLookups.incrementAndGet();
                return viewParent.find(id);
            },
            chatId -> {
                blockedChats.add(chatId);
                return 0;
            },
            store, clock, settings, billing, new ViewPastReportsService(history), new ConversationAdmin(staff,
                    new ViewStatisticsService(staff, queries, events, transactions, clock, TASHKENT),
                    new FindParentService(staff, parents, queries, billing.subscriptions(), events, transactions,
                            clock),
                    announcements,
                    new ExportSpreadsheetService(staff, queries, spreadsheets, events, transactions, clock,
                            TASHKENT),
                    new ContactSupportService(staffRoles, new AdminRoster(Set.of(new TelegramUserId(CONFIGURED_ADMIN))),
                            parents, events, clock)),
            new ConversationRights(
                    new ExportMyDataService(parents, personalData, spreadsheets, events, transactions, clock),
                    new ForgetParentService(parents, personalData, events, transactions, clock, () -> 42L)));

    /** A parent registered three days ago, with these children linked two days ago, and their chat. */
    Chat registered(long id, Language language, LearnerId... children) {
        Parent parent = Parent.register(new TelegramUserId(id), new ChatId(id), language, ParentRole.PARENT,
                NOW.minus(Duration.ofDays(3)));
        for (LearnerId child : children) {
            parent.link(child, new Email(KARIMOVA_EMAIL), NOW.minus(Duration.ofDays(2)));
        }
        parents.save(parent);
        return chat(id, language.code());
    }

    static Learner learner(String id, String name, String grade) {
        return new Learner(new LearnerId(id), name, Optional.of(grade), TASHKENT, true);
    }

    Chat chat(long userId, String languageCode) {
        return new Chat(userId, Optional.ofNullable(languageCode));
    }

    Optional<Parent> parent(Chat chat) {
        return parents.findById(chat.sender.userId());
    }

    Optional<ConversationStore.Conversation> state(Chat chat) {
        return store.find(chat.sender.chatId(), clock.instant());
    }

    String text(Language language, MessageKey key, Object... arguments) {
        return messages.html(language, key, arguments);
    }

    String label(Language language, MessageKey key, Object... arguments) {
        return messages.plain(language, key, arguments);
    }

    /** A person in a private chat with the bot. */
    final class Chat {

        final ChatInput.Sender sender;
        List<Outgoing> replies = List.of();
        private int callbacks;

        private Chat(long userId, Optional<String> languageCode) {
            this.sender = new ChatInput.Sender(new TelegramUserId(userId), new ChatId(userId), languageCode);
        }

        /** Text as typed; a leading slash makes it a command, as the channel adapter would. */
        List<Outgoing> say(String text) {
            if (text.startsWith("/")) {
                String[] parts = text.substring(1).split(" ", 2);
                return handle(new ChatInput.Command(sender, parts[0], parts.length > 1 ? parts[1] : ""));
            }
            return handle(new ChatInput.Text(sender, text));
        }

        List<Outgoing> sticker() {
            return handle(new ChatInput.Unsupported(sender, "sticker"));
        }

        List<Outgoing> press(String data) {
            return handle(new ChatInput.ButtonPress(sender, data, Optional.of("cb-" + (++callbacks)), 77));
        }

        /** Presses the inline button with exactly this label among the last replies. */
        List<Outgoing> pressLabel(String label) {
            return press(button(candidate -> candidate.label().equals(label)).data());
        }

        Button button(Predicate<Button> which) {
            return buttons().filter(which).findFirst().orElseThrow(() -> new AssertionError(
                    "no such button among " + buttons().map(Button::label).toList()));
        }

        Stream<Button> buttons() {
            return replies.stream().flatMap(reply -> inline(reply).stream()).flatMap(List::stream);
        }

        List<Outgoing> handle(ChatInput input) {
            replies = conversation.handle(input);
            return replies;
        }

        /** The texts of the last replies (sent or edited), joined. */
        String lastTexts() {
            List<String> texts = new ArrayList<>();
            for (Outgoing reply : replies) {
                if (reply instanceof SendText send) {
                    texts.add(send.text());
                } else if (reply instanceof EditText edit) {
                    texts.add(edit.text());
                }
            }
            return String.join("\n----\n", texts);
        }

        List<AnswerCallback> callbackAnswers() {
            return replies.stream().filter(AnswerCallback.class::isInstance).map(AnswerCallback.class::cast).toList();
        }

        Optional<Keyboard.Reply> replyKeyboard() {
            return replies.stream().filter(SendText.class::isInstance).map(reply -> ((SendText) reply).keyboard())
                    .filter(Keyboard.Reply.class::isInstance).map(Keyboard.Reply.class::cast).reduce((a, b) -> b);
        }
    }

    private static List<List<Button>> inline(Outgoing reply) {
        if (reply instanceof SendText send && send.keyboard() instanceof Keyboard.Inline buttons) {
            return buttons.rows();
        }
        if (reply instanceof EditText edit) {
            return edit.buttons().rows();
        }
        return List.of();
    }

    /** Counts what the conversation asks of its store. */
    static final class CountingStore implements ConversationStore {

        private final ConversationStore delegate;
        final AtomicInteger finds = new AtomicInteger();
        final AtomicInteger saves = new AtomicInteger();
        final AtomicInteger clears = new AtomicInteger();
        final List<List<ChatId>> readAheads = new CopyOnWriteArrayList<>();

        CountingStore(ConversationStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<Conversation> find(ChatId chatId, Instant now) {
            finds.incrementAndGet();
            return delegate.find(chatId, now);
        }

        @Override
        public void readAhead(Collection<ChatId> chats) {
            readAheads.add(List.copyOf(chats));
        }

        @Override
        public void save(ChatId chatId, Conversation conversation) {
            saves.incrementAndGet();
            delegate.save(chatId, conversation);
        }

        @Override
        public void clear(ChatId chatId) {
            clears.incrementAndGet();
            delegate.clear(chatId);
        }

        @Override
        public int purgeExpired(Instant now) {
            return delegate.purgeExpired(now);
        }

        void reset() {
            finds.set(0);
            saves.set(0);
            clears.set(0);
        }
    }
}
