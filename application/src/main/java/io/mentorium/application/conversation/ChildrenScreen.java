package io.mentorium.application.conversation;

import io.mentorium.application.conversation.CallbackData.AddChild;
import io.mentorium.application.conversation.CallbackData.AskUnlink;
import io.mentorium.application.conversation.CallbackData.ConfirmUnlink;
import io.mentorium.application.conversation.CallbackData.ShowChildren;
import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.in.ListChildren;
import io.mentorium.application.port.in.ListChildren.Child;
import io.mentorium.application.port.in.UnlinkLearner;
import io.mentorium.application.port.out.Messenger.Button;
import io.mentorium.application.port.out.Messenger.Keyboard;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.shared.Language;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** "My children": the list, unlinking one child after a confirmation, and the way to add another. */
final class ChildrenScreen {

    private final ListChildren listChildren;
    private final UnlinkLearner unlinkLearner;
    private final Messages messages;
    private final ZoneId zone;

    ChildrenScreen(ListChildren listChildren, UnlinkLearner unlinkLearner, Messages messages, ZoneId zone) {
        this.listChildren = listChildren;
        this.unlinkLearner = unlinkLearner;
        this.messages = messages;
        this.zone = zone;
    }

    private record View(String html, Keyboard.Inline buttons) {
    }

    List<Outgoing> show(Turn turn) {
        View view = view(turn.language(), listChildren.list(turn.parentId()), Markup.EMPTY);
        return List.of(new SendText(turn.chat(), view.html(), view.buttons()));
    }

    PressAnswer back(Turn turn, ChatInput.ButtonPress press) {
        View view = view(turn.language(), listChildren.list(turn.parentId()), Markup.EMPTY);
        return PressAnswer.of(Replies.editOrSend(press, view.html(), view.buttons()));
    }

    PressAnswer askUnlink(Turn turn, ChatInput.ButtonPress press, AskUnlink ask) {
        List<Child> children = listChildren.list(turn.parentId());
        Optional<Child> child = children.stream()
                .filter(candidate -> LearnerRef.of(candidate.learner().id()).equals(ask.ref()))
                .findFirst();
        if (child.isEmpty()) {
            return stale(turn.language());
        }
        Language language = turn.language();
        String text = messages.html(language, MessageKey.CONFIRM_UNLINK,
                ChildText.describe(messages, language, child.get().learner()));
        Keyboard.Inline buttons = new Keyboard.Inline(List.of(List.of(
                new Button(messages.plain(language, MessageKey.BUTTON_UNLINK_YES),
                        CallbackData.encode(new ConfirmUnlink(ask.ref()))),
                new Button(messages.plain(language, MessageKey.BUTTON_UNLINK_NO),
                        CallbackData.encode(new ShowChildren())))));
        return PressAnswer.of(Replies.editOrSend(press, text, buttons));
    }

    PressAnswer confirmUnlink(Turn turn, ChatInput.ButtonPress press, ConfirmUnlink confirm) {
        Optional<LearnerId> learnerId = LearnerRef.resolve(confirm.ref(), turn.parent().learnerIds());
        if (learnerId.isEmpty()) {
            return stale(turn.language());
        }
        List<Child> before = listChildren.list(turn.parentId());
        UnlinkLearner.Result result = unlinkLearner.unlink(new UnlinkLearner.Command(turn.parentId(), learnerId.get()));
        if (result instanceof UnlinkLearner.Result.NotLinked) {
            return stale(turn.language());
        }
        Language language = turn.language();
        Markup notice = before.stream()
                .filter(child -> child.learner().id().equals(learnerId.get()))
                .findFirst()
                .map(child -> messages.markup(language, MessageKey.CHILD_UNLINKED,
                        ChildText.describe(messages, language, child.learner())))
                .orElse(Markup.EMPTY);
        List<Child> after = before.stream().filter(child -> !child.learner().id().equals(learnerId.get())).toList();
        View view = view(language, after, notice);
        return PressAnswer.of(Replies.editOrSend(press, view.html(), view.buttons()));
    }

    private View view(Language language, List<Child> children, Markup notice) {
        String addData = CallbackData.encode(new AddChild());
        String prefix = notice.isEmpty() ? "" : notice.html() + "\n\n";
        Button add = new Button(messages.plain(language, MessageKey.BUTTON_ADD_CHILD), addData);
        if (children.isEmpty()) {
            return new View(prefix + messages.html(language, MessageKey.NO_CHILDREN),
                    new Keyboard.Inline(List.of(List.of(add))));
        }
        DateTimeFormatter date = messages.dateFormat(language, MessageKey.FORMAT_DATE);
        List<String> lines = new ArrayList<>();
        lines.add(messages.html(language, MessageKey.CHILDREN_TITLE));
        List<List<Button>> rows = new ArrayList<>();
        int position = 1;
        for (Child child : children) {
            lines.add(messages.html(language, MessageKey.CHILD_LINE, position++,
                    ChildText.describe(messages, language, child.learner()),
                    date.format(child.link().linkedAt().atZone(zone))));
            String firstName = Replies.shorten(child.learner().firstName(), ChildText.MAX_BUTTON_NAME);
            rows.add(List.of(new Button(messages.plain(language, MessageKey.BUTTON_UNLINK, firstName),
                    CallbackData.encode(new AskUnlink(LearnerRef.of(child.learner().id()))))));
        }
        rows.add(List.of(add));
        return new View(prefix + String.join("\n", lines), new Keyboard.Inline(rows));
    }

    private PressAnswer stale(Language language) {
        return PressAnswer.notice(messages.plain(language, MessageKey.STALE_BUTTON));
    }
}
