package io.mentorium.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorium.adapters.persistence.demo.DemoPlatformData;
import io.mentorium.adapters.persistence.demo.DemoPlatformData.CodeExpiry;
import io.mentorium.adapters.persistence.demo.DemoPlatformData.Family;
import io.mentorium.adapters.persistence.demo.DemoPlatformData.Learner;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import io.mentorium.adapters.telegram.testing.BotApiStandIn.SentMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Registers the benchmark's parents through the bot itself, as a person would: {@code /start}, a language button, then
 * either {@code /menu} (a parent without children) or the demo family's e-mail, a child's link code and "yes, this is
 * my child". Every step goes to all chats at once and waits until each has had its answer, so the pipeline is idle
 * when the measurement starts.
 */
final class ParentSeeder {

    /** A demo child that can be linked (docs/demo-data.md): its guardian's e-mail, a valid code, its first name. */
    record LinkTarget(String email, String code, String firstName) {
    }

    /** Every {@code CHILD_EVERY}-th chat links a child; the others stay without. */
    static final int CHILD_EVERY = 4;

    private final BotApiStandIn standIn;
    private final Duration stepTimeout;
    private final int childEvery;
    private final List<LinkTarget> targets = linkTargets();

    ParentSeeder(BotApiStandIn standIn, Duration stepTimeout) {
        this(standIn, stepTimeout, CHILD_EVERY);
    }

    /** @param childEvery every {@code childEvery}-th chat links a child (1: every chat) */
    ParentSeeder(BotApiStandIn standIn, Duration stepTimeout, int childEvery) {
        if (childEvery < 1) {
            throw new IllegalArgumentException("childEvery must be at least 1");
        }
        this.standIn = standIn;
        this.stepTimeout = stepTimeout;
        this.childEvery = childEvery;
    }

    /** Registers every chat; returns how many linked a child. */
    int register(List<Chat> chats) throws InterruptedException {
        SendCounter counter = new SendCounter();
        standIn.observe(counter);
        List<Chat> withChild = new ArrayList<>();
        List<Chat> without = new ArrayList<>();
        for (int i = 0; i < chats.size(); i++) {
            (i % childEvery == 0 ? withChild : without).add(chats.get(i));
        }
        Map<Long, LinkTarget> targetOf = new HashMap<>();
        for (int i = 0; i < withChild.size(); i++) {
            targetOf.put(withChild.get(i).id(), targets.get(i % targets.size()));
        }

        step(counter, chats, chat -> chat.person().command("start"));
        step(counter, chats, chat -> {
            SentMessage prompt = lastMessage(chat);
            return chat.person().pressed(prompt.messageId(), button(prompt, 0, chat.language().ordinal()));
        });
        // Choosing the language registered the parent and opened the e-mail step; /menu leaves it.
        step(counter, without, chat -> chat.person().command("menu"));
        step(counter, withChild, chat -> chat.person().text(targetOf.get(chat.id()).email()));
        step(counter, withChild, chat -> chat.person().text(targetOf.get(chat.id()).code()));
        step(counter, withChild, chat -> {
            SentMessage question = lastMessage(chat);
            return chat.person().pressed(question.messageId(), button(question, 0, 0));
        });

        for (Chat chat : withChild) {
            String linked = lastMessage(chat).text();
            if (!linked.contains(targetOf.get(chat.id()).firstName())) {
                throw new IllegalStateException("chat " + chat.id() + " did not link its child; the bot said: " + linked);
            }
        }
        standIn.observe(BotApiStandIn.Observer.NONE);
        return withChild.size();
    }

    /** Sends one update to each chat and waits until each has had exactly one more message. */
    private void step(SendCounter counter, List<Chat> chats, Function<Chat, ObjectNode> update)
            throws InterruptedException {
        int before = counter.sends();
        standIn.enqueueUpdates(chats.stream().map(update).toList());
        counter.await(before + chats.size(), stepTimeout);
    }

    private SentMessage lastMessage(Chat chat) {
        List<SentMessage> messages = standIn.sentMessages(chat.id());
        if (messages.isEmpty()) {
            throw new IllegalStateException("the bot never wrote to chat " + chat.id());
        }
        return messages.getLast();
    }

    /** The callback data of an inline button under {@code message}. */
    private static String button(SentMessage message, int row, int column) {
        List<?> rows = (List<?>) message.call().object("reply_markup").get("inline_keyboard");
        Map<?, ?> button = (Map<?, ?>) ((List<?>) rows.get(row)).get(column);
        return String.valueOf(button.get("callback_data"));
    }

    private static List<LinkTarget> linkTargets() {
        List<LinkTarget> targets = new ArrayList<>();
        for (Family family : DemoPlatformData.FAMILIES) {
            for (Learner learner : family.learners()) {
                learner.codes().stream()
                        .filter(code -> code.expiry() != CodeExpiry.EXPIRED)
                        .findFirst()
                        .filter(code -> learner.active())
                        .ifPresent(code -> targets.add(new LinkTarget(family.guardianEmails().getFirst(), code.code(),
                                learner.fullName().split(" ")[0])));
            }
        }
        return List.copyOf(targets);
    }
}
