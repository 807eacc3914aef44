package io.mentorium.application.conversation;

import io.mentorium.application.port.in.BroadcastAnnouncement;
import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.in.ExportSpreadsheet;
import io.mentorium.application.port.in.FindParent;
import io.mentorium.application.port.in.ManageStaff;
import io.mentorium.application.port.in.ViewStatistics;
import io.mentorium.application.port.in.ViewSubscription;
import io.mentorium.application.port.out.Messenger.Button;
import io.mentorium.application.port.out.Messenger.EditText;
import io.mentorium.application.port.out.Messenger.Keyboard;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendDocument;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.OperatorQueries;
import io.mentorium.domain.payment.Money;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.staff.StaffAction;
import io.mentorium.domain.staff.StaffRole;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The operators' commands. A command the sender has no right to is answered as an unknown command by the caller (the
 * empty answer here), so that nobody learns from the bot which commands exist.
 */
final class AdminScreen {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private final ConversationAdmin admin;
    private final Messages messages;
    private final BillingTexts texts;
    private final SubscriptionScreen subscriptions;
    private final ZoneId zone;
    private final SupportScreen support;

    AdminScreen(ConversationAdmin admin, Messages messages, SubscriptionScreen subscriptions, SupportScreen support,
                ZoneId zone) {
        this.admin = admin;
        this.messages = messages;
        this.texts = new BillingTexts(messages, zone);
        this.subscriptions = subscriptions;
        this.zone = zone;
        this.support = support;
    }

    /** The action a command name asks for, if it is an operators' command at all. */
    private static Optional<StaffAction> action(String command) {
        return Optional.ofNullable(switch (command) {
            case "stats" -> StaffAction.VIEW_STATISTICS;
            case "find" -> StaffAction.FIND_PARENT;
            case "refund" -> StaffAction.REFUND;
            case "broadcast" -> StaffAction.BROADCAST;
            case "grant", "revoke" -> StaffAction.MANAGE_STAFF;
            case "export" -> StaffAction.EXPORT;
            case "reply" -> StaffAction.ANSWER_SUPPORT;
            default -> null;
        });
    }

    /** Empty when this is not an operators' command or the sender may not use it. */
    Optional<List<Outgoing>> command(Turn turn, ChatInput.Command command) {
        Optional<StaffAction> action = action(command.name());
        if (action.isEmpty() || !admin.staff().may(turn.parentId(), action.get())) {
            return Optional.empty();
        }
        String argument = command.argument().strip();
        return Optional.of(switch (command.name()) {
            case "stats" -> stats(turn, argument);
            case "find" -> find(turn, argument);
            case "refund" -> subscriptions.refund(turn, argument);
            case "broadcast" -> broadcast(turn, argument);
            case "grant" -> grant(turn, argument);
            case "revoke" -> revoke(turn, argument);
            case "export" -> export(turn, argument);
            case "reply" -> support.reply(turn, argument);
            default -> throw new IllegalStateException("unrouted operators' command " + command.name());
        });
    }

    private List<Outgoing> say(Turn turn, MessageKey key, Object... arguments) {
        return List.of(new SendText(turn.chat(), messages.html(turn.language(), key, arguments)));
    }

    // --- roles -------------------------------------------------------------------------------------------------

    private List<Outgoing> grant(Turn turn, String argument) {
        java.util.StringTokenizer tokens = new java.util.StringTokenizer(argument);
        String[] parts = new String[tokens.countTokens()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = tokens.nextToken();
        }
        Optional<TelegramUserId> target = parts.length == 2 ? userId(parts[0]) : Optional.empty();
        Optional<StaffRole> role = parts.length == 2 ? StaffRole.fromToken(parts[1]) : Optional.empty();
        if (target.isEmpty() || role.isEmpty()) {
            return say(turn, MessageKey.STAFF_GRANT_USAGE);
        }
        return change(turn, target.get(), admin.staff().grant(turn.parentId(), target.get(), role.get()));
    }

    private List<Outgoing> revoke(Turn turn, String argument) {
        Optional<TelegramUserId> target = userId(argument);
        if (target.isEmpty()) {
            return say(turn, MessageKey.STAFF_REVOKE_USAGE);
        }
        return change(turn, target.get(), admin.staff().revoke(turn.parentId(), target.get()));
    }

    private List<Outgoing> change(Turn turn, TelegramUserId target, ManageStaff.Change change) {
        String id = Long.toString(target.value());
        return switch (change) {
            case ManageStaff.Change.Granted granted -> say(turn, MessageKey.STAFF_GRANTED, id, roleName(granted.role()));
            case ManageStaff.Change.Revoked revoked -> say(turn, MessageKey.STAFF_REVOKED, id, roleName(revoked.role()));
            case ManageStaff.Change.Unchanged unchanged -> say(turn, MessageKey.STAFF_UNCHANGED, id);
            case ManageStaff.Change.Configured configured -> say(turn, MessageKey.STAFF_CONFIGURED, id);
            case ManageStaff.Change.NotAllowed notAllowed -> say(turn, MessageKey.UNKNOWN_COMMAND);
        };
    }

    private static String roleName(StaffRole role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    static Optional<TelegramUserId> userId(String typed) {
        return CallbackData.positiveId(typed.strip()).map(TelegramUserId::new);
    }

    // --- statistics and look-ups -------------------------------------------------------------------------------

    private List<Outgoing> stats(Turn turn, String argument) {
        Language language = turn.language();
        return switch (admin.statistics().view(turn.parentId(), argument)) {
            case ViewStatistics.Outcome.Shown shown -> {
                OperatorQueries.Statistics s = shown.statistics();
                List<String> lines = new ArrayList<>();
                for (OperatorQueries.Revenue revenue : s.revenue()) {
                    lines.add(messages.html(language, MessageKey.STATS_REVENUE_LINE,
                            texts.providerName(language, revenue.provider()), revenue.payments(),
                            texts.amount(language, new Money(revenue.amountMinor(), revenue.currency()))));
                }
                Markup revenue = lines.isEmpty() ? messages.markup(language, MessageKey.STATS_NO_REVENUE)
                        : new Markup(String.join("\n", lines));
                yield say(turn, MessageKey.STATS_REPORT, s.parents(), s.blockedParents(), s.linkedLearners(),
                        s.activeSubscriptions(), DAY.format(shown.period().from().atZone(zone)),
                        DAY.format(shown.period().to().atZone(zone)), revenue, s.updatesToday(), s.sentToday(),
                        s.questionsToday(), s.inboxPending(), s.outboxPending(), s.quarantined());
            }
            case ViewStatistics.Outcome.BadPeriod bad -> say(turn, MessageKey.STATS_USAGE);
            case ViewStatistics.Outcome.NotAllowed notAllowed -> say(turn, MessageKey.UNKNOWN_COMMAND);
        };
    }

    private List<Outgoing> find(Turn turn, String argument) {
        if (argument.isEmpty()) {
            return say(turn, MessageKey.FIND_USAGE);
        }
        Language language = turn.language();
        return switch (admin.find().find(turn.parentId(), argument)) {
            case FindParent.Outcome.Parents found -> {
                List<String> cards = new ArrayList<>();
                for (FindParent.Found parent : found.parents()) {
                    Markup emails = parent.maskedEmails().isEmpty()
                            ? messages.markup(language, MessageKey.FIND_NO_EMAIL)
                            : new Markup(Markup.escape(String.join("\n", parent.maskedEmails())));
                    cards.add(messages.html(language, MessageKey.FIND_PARENT, Long.toString(parent.id().value()),
                            emails, messages.plain(parent.parent().language(), MessageKey.LANGUAGE_NAME),
                            parent.parent().links().size(), subscription(language, parent.subscription()),
                            messages.markup(language, parent.parent().reachable() ? MessageKey.FIND_REACHABLE
                                    : MessageKey.FIND_BLOCKED),
                            parent.role().map(AdminScreen::roleName)
                                    .orElseGet(() -> messages.plain(language, MessageKey.FIND_NO_ROLE))));
                }
                yield List.of(new SendText(turn.chat(), String.join("\n\n", cards)));
            }
            case FindParent.Outcome.NotFound notFound -> say(turn, MessageKey.FIND_NOT_FOUND);
            case FindParent.Outcome.BadQuery bad -> say(turn, MessageKey.FIND_USAGE);
            case FindParent.Outcome.NotAllowed notAllowed -> say(turn, MessageKey.UNKNOWN_COMMAND);
        };
    }

    private Markup subscription(Language language, ViewSubscription.Overview overview) {
        String until = overview.until().map(instant -> texts.date(language, instant)).orElse("");
        return messages.markup(language, switch (overview.state()) {
            case ACTIVE -> MessageKey.SUBSCRIPTION_ACTIVE;
            case TRIAL -> MessageKey.SUBSCRIPTION_TRIAL;
            case GRACE -> MessageKey.SUBSCRIPTION_GRACE;
            case EXPIRED -> MessageKey.SUBSCRIPTION_EXPIRED;
            case NEVER -> MessageKey.SUBSCRIPTION_NEVER;
        }, until);
    }

    // --- exports -----------------------------------------------------------------------------------------------

    private List<Outgoing> export(Turn turn, String argument) {
        Language language = turn.language();
        java.util.StringTokenizer tokens = new java.util.StringTokenizer(argument);
        String what = tokens.hasMoreTokens() ? tokens.nextToken() : "";
        String period = tokens.hasMoreTokens() ? tokens.nextToken() : "";
        if (what.isEmpty() || tokens.hasMoreTokens()) {
            return say(turn, MessageKey.EXPORT_USAGE);
        }
        return switch (admin.exports().export(turn.parentId(), what, period)) {
            case ExportSpreadsheet.Outcome.Ready ready -> {
                String caption = messages.html(language, MessageKey.EXPORT_CAPTION,
                        ready.kind().name().toLowerCase(Locale.ROOT), DAY.format(ready.period().from().atZone(zone)),
                        DAY.format(ready.period().to().atZone(zone)), ready.rows());
                if (ready.truncated()) {
                    caption = caption + "\n" + messages.html(language, MessageKey.EXPORT_TRUNCATED, ready.rows());
                }
                yield List.of(new SendDocument(turn.chat(), ready.fileName(), ready.content(), caption));
            }
            case ExportSpreadsheet.Outcome.Usage usage -> say(turn, MessageKey.EXPORT_USAGE);
            case ExportSpreadsheet.Outcome.TooLarge tooLarge -> say(turn, MessageKey.EXPORT_TOO_LARGE,
                    tooLarge.bytes());
            case ExportSpreadsheet.Outcome.NotAllowed notAllowed -> say(turn, MessageKey.UNKNOWN_COMMAND);
        };
    }

    // --- announcements -----------------------------------------------------------------------------------------

    private List<Outgoing> broadcast(Turn turn, String argument) {
        Language language = turn.language();
        return switch (admin.broadcasts().prepare(turn.parentId(), argument)) {
            case BroadcastAnnouncement.Prepared.Draft draft -> {
                String id = Long.toString(draft.id());
                Keyboard.Inline buttons = new Keyboard.Inline(List.of(List.of(
                        new Button(messages.plain(language, MessageKey.BUTTON_CONFIRM),
                                CallbackData.encode(new CallbackData.ConfirmBroadcast(draft.id()))),
                        new Button(messages.plain(language, MessageKey.BUTTON_CANCEL),
                                CallbackData.encode(new CallbackData.CancelBroadcast(draft.id()))))));
                yield List.of(new SendText(turn.chat(), messages.html(language, MessageKey.BROADCAST_PREVIEW, id,
                        messages.markup(language, MessageKey.BROADCAST_MESSAGE, draft.text())), buttons));
            }
            case BroadcastAnnouncement.Prepared.Empty empty -> say(turn, MessageKey.BROADCAST_USAGE);
            case BroadcastAnnouncement.Prepared.TooLong tooLong -> say(turn, MessageKey.BROADCAST_TOO_LONG,
                    tooLong.length(), BroadcastAnnouncement.MAX_TEXT);
            case BroadcastAnnouncement.Prepared.NotAllowed notAllowed -> say(turn, MessageKey.UNKNOWN_COMMAND);
        };
    }

    /** Confirm or Cancel under a draft; the draft's message loses its buttons so it cannot be pressed twice. */
    PressAnswer decideBroadcast(Turn turn, ChatInput.ButtonPress press, long id, boolean confirm) {
        Language language = turn.language();
        BroadcastAnnouncement.Decision decision = confirm ? admin.broadcasts().confirm(turn.parentId(), id)
                : admin.broadcasts().cancel(turn.parentId(), id);
        String text = switch (decision) {
            case BroadcastAnnouncement.Decision.Confirmed done ->
                    messages.html(language, MessageKey.BROADCAST_CONFIRMED, Long.toString(id));
            case BroadcastAnnouncement.Decision.Cancelled done ->
                    messages.html(language, MessageKey.BROADCAST_CANCELLED, Long.toString(id));
            case BroadcastAnnouncement.Decision.AlreadyDecided before ->
                    messages.html(language, MessageKey.BROADCAST_ALREADY_DECIDED, Long.toString(id));
            case BroadcastAnnouncement.Decision.Unknown unknown -> null;
            case BroadcastAnnouncement.Decision.NotAllowed notAllowed -> null;
        };
        if (text == null) {
            return PressAnswer.notice(messages.plain(language, MessageKey.STALE_BUTTON));
        }
        return PressAnswer.of(new EditText(turn.chat(), press.messageId(), text, Keyboard.Inline.NONE));
    }
}
