package io.mentorium.domain.parent;

import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.notification.NotificationPreferences;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parent who talks to the bot, identified by their Telegram user id, with the learners they linked. The entity keeps
 * its own rules (how many children, who may be linked twice); storage only saves and restores it.
 */
public final class Parent {

    /** A family rarely has more; the limit keeps one account from harvesting learners. */
    public static final int MAX_CHILDREN = 10;

    private final TelegramUserId id;
    private final Instant registeredAt;
    private final Map<LearnerId, LearnerLink> links = new LinkedHashMap<>();
    private ChatId chatId;
    private Language language;
    private ParentRole role;
    private NotificationPreferences preferences;
    private Optional<Instant> blockedAt;

    private Parent(TelegramUserId id, ChatId chatId, Language language, ParentRole role,
                   NotificationPreferences preferences, Optional<Instant> blockedAt, Instant registeredAt,
                   Collection<LearnerLink> links) {
        this.id = Objects.requireNonNull(id, "id");
        this.chatId = Objects.requireNonNull(chatId, "chatId");
        this.language = Objects.requireNonNull(language, "language");
        this.role = Objects.requireNonNull(role, "role");
        this.preferences = Objects.requireNonNull(preferences, "preferences");
        this.blockedAt = Objects.requireNonNull(blockedAt, "blockedAt");
        this.registeredAt = Objects.requireNonNull(registeredAt, "registeredAt");
        for (LearnerLink link : links) {
            if (this.links.putIfAbsent(link.learnerId(), link) != null) {
                throw new IllegalArgumentException("learner " + link.learnerId() + " linked twice to parent " + id);
            }
        }
    }

    /** A parent who just pressed /start and chose a language. */
    public static Parent register(TelegramUserId id, ChatId chatId, Language language, ParentRole role, Instant now) {
        return new Parent(id, chatId, language, role, NotificationPreferences.defaults(), Optional.empty(), now, List.of());
    }

    /** Rebuilds a stored parent. */
    public static Parent restore(TelegramUserId id, ChatId chatId, Language language, ParentRole role,
                                 NotificationPreferences preferences, Optional<Instant> blockedAt,
                                 Instant registeredAt, Collection<LearnerLink> links) {
        return new Parent(id, chatId, language, role, preferences, blockedAt, registeredAt, links);
    }

    public LinkChange link(LearnerId learnerId, Email viaEmail, Instant now) {
        if (links.containsKey(learnerId)) {
            return LinkChange.ALREADY_LINKED;
        }
        if (links.size() >= MAX_CHILDREN) {
            return LinkChange.TOO_MANY_CHILDREN;
        }
        links.put(learnerId, new LearnerLink(learnerId, viaEmail, now));
        return LinkChange.LINKED;
    }

    /** @return false when the learner was not linked */
    public boolean unlink(LearnerId learnerId) {
        return links.remove(learnerId) != null;
    }

    public boolean isLinkedTo(LearnerId learnerId) {
        return links.containsKey(learnerId);
    }

    public Optional<LearnerLink> linkTo(LearnerId learnerId) {
        return Optional.ofNullable(links.get(learnerId));
    }

    /** Links in the order they were made. */
    public List<LearnerLink> links() {
        return List.copyOf(links.values());
    }

    public List<LearnerId> learnerIds() {
        return new ArrayList<>(links.keySet());
    }

    public void changeLanguage(Language newLanguage) {
        language = Objects.requireNonNull(newLanguage, "newLanguage");
    }

    public void changePreferences(NotificationPreferences newPreferences) {
        preferences = Objects.requireNonNull(newPreferences, "newPreferences");
    }

    /** Telegram told us the parent blocked the bot: stop sending until they write again. */
    public void markBlocked(Instant at) {
        if (blockedAt.isEmpty()) {
            blockedAt = Optional.of(at);
        }
    }

    /** The parent wrote to the bot (again), possibly from another chat. */
    public void markReachable(ChatId currentChat) {
        blockedAt = Optional.empty();
        chatId = Objects.requireNonNull(currentChat, "currentChat");
    }

    public void changeRole(ParentRole newRole) {
        role = Objects.requireNonNull(newRole, "newRole");
    }

    public boolean reachable() {
        return blockedAt.isEmpty();
    }

    public boolean isAdmin() {
        return role == ParentRole.ADMIN;
    }

    public TelegramUserId id() {
        return id;
    }

    public ChatId chatId() {
        return chatId;
    }

    public Language language() {
        return language;
    }

    public ParentRole role() {
        return role;
    }

    public NotificationPreferences preferences() {
        return preferences;
    }

    public Optional<Instant> blockedAt() {
        return blockedAt;
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    /** Two parents are equal when every stored field is: what a repository round trip must preserve. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Parent that && id.equals(that.id) && chatId.equals(that.chatId)
                && language == that.language && role == that.role && preferences.equals(that.preferences)
                && blockedAt.equals(that.blockedAt) && registeredAt.equals(that.registeredAt)
                && links().equals(that.links());
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "Parent[" + id + ", " + language + ", " + role + ", children=" + links.size() + "]";
    }
}
