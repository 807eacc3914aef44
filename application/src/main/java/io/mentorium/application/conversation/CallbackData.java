package io.mentorium.application.conversation;

import io.mentorium.domain.notification.NotificationKind;
import io.mentorium.domain.notification.QuietHours;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.report.ReportKind;
import io.mentorium.domain.report.ReportPeriod;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.subscription.Plan;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The one codec for inline-button data: {@code <version>:<action>[:<argument>…]}, at most 64 bytes. Data of another
 * version, or anything that does not decode to exactly one known action, is a stale button; routing never looks at
 * labels or prefixes.
 */
public final class CallbackData {

    /** Raise it when the meaning of existing data changes: buttons still on screen then decode as stale. */
    static final String VERSION = "1";
    private static final String SEPARATOR = ":";

    private CallbackData() {
    }

    /** What a button asks for. */
    public sealed interface Action {
    }

    /** The language chosen on the first /start, which registers the person. */
    public record ChooseStartLanguage(Language language) implements Action {
    }

    public record AddChild() implements Action {
    }

    /** "Yes, this is my child", for the learner whose {@link LearnerRef} the flow is confirming. */
    public record ConfirmChild(String ref) implements Action {
    }

    public record RejectChild(String ref) implements Action {
    }

    public record AskUnlink(String ref) implements Action {
    }

    public record ConfirmUnlink(String ref) implements Action {
    }

    public record ShowChildren() implements Action {
    }

    public record OpenSettings(SettingsSection section) implements Action {

        public OpenSettings {
            Objects.requireNonNull(section, "section");
        }
    }

    public record SwitchLanguage(Language language) implements Action {
    }

    /** Carries the wanted state rather than "toggle", so that a double tap cannot undo itself. */
    public record SwitchNotification(NotificationKind kind, boolean enabled) implements Action {
    }

    public record SetQuietHours(Optional<QuietHours> hours) implements Action {
    }

    public record SwitchReport(ReportKind report, boolean enabled) implements Action {
    }

    /** Opens the subscription screen (the paywall's Subscribe button). */
    public record OpenSubscription() implements Action {
    }

    /** Pays for a plan through a provider: each press creates a new order. */
    public record Checkout(Plan plan, PaymentProvider provider) implements Action {

        public Checkout {
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(provider, "provider");
        }
    }

    /** Lists the parent's past reports. */
    public record ShowPastReports() implements Action {
    }

    /** Opens one past report: the period and the child's {@link LearnerRef}, resolved against the parent's history. */
    public record OpenPastReport(ReportPeriod period, String ref) implements Action {

        public OpenPastReport {
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(ref, "ref");
        }
    }

    /** An admin confirms the announcement draft with this id. */
    public record ConfirmBroadcast(long id) implements Action {
    }

    public record CancelBroadcast(long id) implements Action {
    }

    /** "My data": the parent's data as a file. */
    public record ExportMyData() implements Action {
    }

    /** "Forget me": shows the warning with the confirming button. */
    public record AskForget() implements Action {
    }

    public record ConfirmForget() implements Action {
    }

    public static String encode(Action action) {
        List<String> parts = switch (action) {
            case ChooseStartLanguage start -> List.of("start", start.language().code());
            case AddChild add -> List.of("add");
            case ConfirmChild confirm -> List.of("child-yes", confirm.ref());
            case RejectChild reject -> List.of("child-no", reject.ref());
            case AskUnlink ask -> List.of("unlink", ask.ref());
            case ConfirmUnlink confirm -> List.of("unlink-yes", confirm.ref());
            case ShowChildren show -> List.of("children");
            case OpenSettings open -> List.of("set", open.section().token());
            case SwitchLanguage switchTo -> List.of("lang", switchTo.language().code());
            case SwitchNotification notification -> List.of("notif", token(notification.kind()),
                    flag(notification.enabled()));
            case SetQuietHours quiet -> List.of("quiet", quiet.hours().map(CallbackData::hours).orElse("off"));
            case SwitchReport report -> List.of("report", token(report.report()), flag(report.enabled()));
            case OpenSubscription open -> List.of("sub");
            case Checkout checkout -> List.of("pay", token(checkout.plan()), token(checkout.provider()));
            case ShowPastReports show -> List.of("past");
            case OpenPastReport open -> List.of("past-open", token(open.period().kind()),
                    open.period().start().format(DateTimeFormatter.BASIC_ISO_DATE), open.ref());
            case ConfirmBroadcast confirm -> List.of("bc-yes", Long.toString(confirm.id()));
            case CancelBroadcast cancel -> List.of("bc-no", Long.toString(cancel.id()));
            case ExportMyData export -> List.of("mydata");
            case AskForget ask -> List.of("forget");
            case ConfirmForget confirm -> List.of("forget-yes");
        };
        return VERSION + SEPARATOR + String.join(SEPARATOR, parts);
    }

    /** Empty for anything this version did not write: a stale or forged button. */
    public static Optional<Action> decode(String data) {
        if (data == null) {
            return Optional.empty();
        }
        List<String> parts = Arrays.asList(data.split(SEPARATOR, -1));
        if (parts.size() < 2 || !parts.getFirst().equals(VERSION)) {
            return Optional.empty();
        }
        List<String> arguments = parts.subList(2, parts.size());
        try {
            return Optional.ofNullable(switch (parts.get(1)) {
                case "start" -> one(arguments).flatMap(CallbackData::language).map(ChooseStartLanguage::new)
                        .orElse(null);
                case "add" -> arguments.isEmpty() ? new AddChild() : null;
                case "child-yes" -> ref(arguments).map(ConfirmChild::new).orElse(null);
                case "child-no" -> ref(arguments).map(RejectChild::new).orElse(null);
                case "unlink" -> ref(arguments).map(AskUnlink::new).orElse(null);
                case "unlink-yes" -> ref(arguments).map(ConfirmUnlink::new).orElse(null);
                case "children" -> arguments.isEmpty() ? new ShowChildren() : null;
                case "set" -> one(arguments).flatMap(SettingsSection::fromToken).map(OpenSettings::new).orElse(null);
                case "lang" -> one(arguments).flatMap(CallbackData::language).map(SwitchLanguage::new).orElse(null);
                case "notif" -> arguments.size() == 2
                        ? enumOf(NotificationKind.class, arguments.get(0))
                        .flatMap(kind -> flag(arguments.get(1)).map(on -> new SwitchNotification(kind, on)))
                        .orElse(null)
                        : null;
                case "quiet" -> one(arguments).flatMap(CallbackData::quietHours).map(SetQuietHours::new).orElse(null);
                case "report" -> arguments.size() == 2
                        ? enumOf(ReportKind.class, arguments.get(0))
                        .flatMap(kind -> flag(arguments.get(1)).map(on -> new SwitchReport(kind, on)))
                        .orElse(null)
                        : null;
                case "sub" -> arguments.isEmpty() ? new OpenSubscription() : null;
                case "pay" -> arguments.size() == 2
                        ? enumOf(Plan.class, arguments.get(0))
                        .flatMap(plan -> enumOf(PaymentProvider.class, arguments.get(1))
                                .map(provider -> new Checkout(plan, provider)))
                        .orElse(null)
                        : null;
                case "past" -> arguments.isEmpty() ? new ShowPastReports() : null;
                case "past-open" -> arguments.size() == 3 && LearnerRef.isWellFormed(arguments.get(2))
                        ? enumOf(ReportKind.class, arguments.get(0))
                        .map(kind -> new OpenPastReport(period(kind, arguments.get(1)), arguments.get(2)))
                        .orElse(null)
                        : null;
                case "bc-yes" -> one(arguments).flatMap(CallbackData::id).map(ConfirmBroadcast::new).orElse(null);
                case "bc-no" -> one(arguments).flatMap(CallbackData::id).map(CancelBroadcast::new).orElse(null);
                case "mydata" -> arguments.isEmpty() ? new ExportMyData() : null;
                case "forget" -> arguments.isEmpty() ? new AskForget() : null;
                case "forget-yes" -> arguments.isEmpty() ? new ConfirmForget() : null;
                default -> null;
            });
        } catch (RuntimeException malformed) {
            // Whatever a forged button holds, it is only ever stale.
            return Optional.empty();
        }
    }

    /** A whole week or month starting on that day; anything else throws, which decoding reads as stale. */
    private static ReportPeriod period(ReportKind kind, String start) {
        LocalDate first = LocalDate.parse(start, DateTimeFormatter.BASIC_ISO_DATE);
        ReportPeriod period = ReportPeriod.containing(kind, first);
        if (!period.start().equals(first)) {
            throw new IllegalArgumentException("not the first day of a " + kind + " period");
        }
        return period;
    }

    private static Optional<String> one(List<String> arguments) {
        return arguments.size() == 1 ? Optional.of(arguments.getFirst()) : Optional.empty();
    }

    /** A positive id exactly as {@link Long#toString} writes it. */
    private static Optional<Long> id(String token) {
        return positiveId(token);
    }

    /** A positive decimal number of at most 18 digits without a leading zero (Telegram ids, our ids). */
    static Optional<Long> positiveId(String token) {
        if (token.isEmpty() || token.length() > 18 || token.charAt(0) == '0'
                || !token.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(token));
    }

    private static Optional<String> ref(List<String> arguments) {
        return one(arguments).filter(LearnerRef::isWellFormed);
    }

    private static Optional<Language> language(String code) {
        // fromCode is lenient (it reads "en-US"); data we wrote holds exactly the code.
        return Language.fromCode(code).filter(language -> language.code().equals(code));
    }

    private static String token(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> Optional<E> enumOf(Class<E> type, String token) {
        return Arrays.stream(type.getEnumConstants()).filter(constant -> token(constant).equals(token)).findFirst();
    }

    private static String flag(boolean enabled) {
        return enabled ? "1" : "0";
    }

    private static Optional<Boolean> flag(String token) {
        return switch (token) {
            case "1" -> Optional.of(true);
            case "0" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** {@code 2200-0800}. */
    private static String hours(QuietHours hours) {
        return String.format(Locale.ROOT, "%02d%02d-%02d%02d", hours.start().getHour(), hours.start().getMinute(),
                hours.end().getHour(), hours.end().getMinute());
    }

    private static Optional<Optional<QuietHours>> quietHours(String token) {
        if (token.equals("off")) {
            return Optional.of(Optional.empty());
        }
        // Exactly HHMM-HHMM, as hours() writes it.
        if (token.length() != 9 || token.charAt(4) != '-') {
            return Optional.empty();
        }
        return QuietHoursText.of(token.substring(0, 2), token.substring(2, 4), token.substring(5, 7),
                token.substring(7)).map(Optional::of);
    }
}
