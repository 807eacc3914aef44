package com.example.supportdesk;

import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** The parents the tool knows, in memory; sorted by id because the port pages in id order. */
final class InMemoryParents implements ParentRepository {

    private final ConcurrentSkipListMap<TelegramUserId, Parent> parents = new ConcurrentSkipListMap<>();

    @Override
    public Optional<Parent> findById(TelegramUserId id) {
        return Optional.ofNullable(parents.get(id));
    }

    @Override
    public Optional<Parent> findByChat(ChatId chatId) {
        return parents.values().stream().filter(parent -> parent.chatId().equals(chatId)).findFirst();
    }

    @Override
    public void save(Parent parent) {
        parents.put(parent.id(), parent);
    }

    @Override
    public List<Parent> findLinkedTo(LearnerId learnerId) {
        return parents.values().stream().filter(parent -> parent.isLinkedTo(learnerId)).toList();
    }

    @Override
    public List<Parent> findPage(Optional<TelegramUserId> after, int limit) {
        var tail = after.map(id -> parents.tailMap(id, false)).orElse(parents);
        return tail.values().stream().limit(limit).toList();
    }

    @Override
    public long count() {
        return parents.size();
    }
}
