package io.mentorium.application.testing;

import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Parents kept in memory. Stores copies, as a database would: a caller changing a loaded parent changes nothing until
 * it saves.
 */
public final class InMemoryParentRepository implements ParentRepository {

    private final ConcurrentSkipListMap<TelegramUserId, Parent> parents = new ConcurrentSkipListMap<>();

    @Override
    public Optional<Parent> findById(TelegramUserId id) {
        return Optional.ofNullable(parents.get(id)).map(InMemoryParentRepository::copy);
    }

    @Override
    public Optional<Parent> findByChat(ChatId chatId) {
        return parents.values().stream().filter(parent -> parent.chatId().equals(chatId)).findFirst()
                .map(InMemoryParentRepository::copy);
    }

    @Override
    public void save(Parent parent) {
        parents.put(parent.id(), copy(parent));
    }

    @Override
    public List<Parent> findLinkedTo(LearnerId learnerId) {
        return parents.values().stream().filter(parent -> parent.isLinkedTo(learnerId)).map(InMemoryParentRepository::copy).toList();
    }

    @Override
    public List<Parent> findPage(Optional<TelegramUserId> after, int limit) {
        var tail = after.isEmpty() ? parents : parents.tailMap(after.get(), false);
        return tail.values().stream().limit(limit).map(InMemoryParentRepository::copy).toList();
    }

    /** What erasing the parent's rows does in the database. */
    public void delete(TelegramUserId id) {
        parents.remove(id);
    }

    @Override
    public long count() {
        return parents.size();
    }

    static Parent copy(Parent parent) {
        return Parent.restore(parent.id(), parent.chatId(), parent.language(), parent.role(), parent.preferences(),
                parent.blockedAt(), parent.registeredAt(), parent.links());
    }
}
