package io.mentorium.application.pipeline;

import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.in.ConverseWithParent;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.application.testing.FakeTransaction;
import io.mentorium.domain.shared.ChatId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A stand-in for the conversation engine: answers every text with {@code "echo <text>"}, and by script blocks on a
 * latch, fails once with a storage error, or fails with a bug for particular texts.
 */
final class ScriptedConversation implements ConverseWithParent {

    static final String APOLOGY = "sorry";

    private final Map<ChatId, List<String>> handled = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
    private final Set<String> failOnce = ConcurrentHashMap.newKeySet();
    private final Set<String> bugs = ConcurrentHashMap.newKeySet();
    private final Map<String, CountDownLatch> entered = new ConcurrentHashMap<>();
    private final Map<String, StorageException.Category> alwaysFailing = new ConcurrentHashMap<>();

    private final List<String> handledInOrder = new CopyOnWriteArrayList<>();
    private final List<List<ChatId>> readAhead = new CopyOnWriteArrayList<>();
    private volatile Predicate<String> ordinary = text -> false;

    /** Texts that {@code ordinary} accepts are not urgent (the rest are, as by default). */
    void treatAsOrdinary(Predicate<String> ordinary) {
        this.ordinary = ordinary;
    }

    @Override
    public boolean urgent(ChatInput input) {
        return !(input instanceof ChatInput.Text text && ordinary.test(text.text()));
    }

    @Override
    public void readAhead(List<ChatInput> inputs) {
        readAhead.add(inputs.stream().map(input -> input.sender().chatId()).toList());
    }

    /** The chats of every {@link #readAhead} call so far, in order. */
    List<List<ChatId>> readAhead() {
        return List.copyOf(readAhead);
    }

    /** Every text handled so far, across chats, in the order its handling finished. */
    List<String> handledInOrder() {
        return List.copyOf(handledInOrder);
    }

    /** Handling {@code text} waits until the returned latch is counted down. */
    CountDownLatch holdOn(String text) {
        CountDownLatch gate = new CountDownLatch(1);
        gates.put(text, gate);
        entered.put(text, new CountDownLatch(1));
        return gate;
    }

    /** Handling {@code text} no longer waits (the latch of an earlier {@link #holdOn} is forgotten). */
    void stopHolding(String text) {
        gates.remove(text);
    }

    /** Counted down when handling of a held text has begun. */
    CountDownLatch entered(String text) {
        return entered.get(text);
    }

    void failOnceWithStorageError(String text) {
        failOnce.add(text);
    }

    void failWithBug(String text) {
        bugs.add(text);
    }

    /** Handling {@code text} always fails in storage, with the given category. */
    void failAlwaysInStorage(String text, StorageException.Category category) {
        alwaysFailing.put(text, category);
    }

    @Override
    public List<Outgoing> handle(ChatInput input) {
        String text = ((ChatInput.Text) input).text();
        calls.computeIfAbsent(text, key -> new AtomicInteger()).incrementAndGet();
        CountDownLatch gate = gates.get(text);
        if (gate != null) {
            entered.get(text).countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while handling", e);
            }
        }
        if (failOnce.remove(text)) {
            throw new StorageException("connection lost");
        }
        StorageException.Category failing = alwaysFailing.get(text);
        if (failing != null) {
            throw new StorageException(failing, "storage refuses " + failing);
        }
        if (bugs.contains(text)) {
            throw new IllegalStateException("a bug");
        }
        List<String> inChat = handled.computeIfAbsent(input.sender().chatId(), chat -> new CopyOnWriteArrayList<>());
        inChat.add(text);
        handledInOrder.add(text);
        // Handling is part of the update's transaction: undone if it rolls back, as the database's writes would be.
        FakeTransaction.onRollback(() -> {
            inChat.remove(inChat.lastIndexOf(text));
            handledInOrder.remove(handledInOrder.lastIndexOf(text));
        });
        return List.of(new SendText(input.sender().chatId(), "echo " + text));
    }

    @Override
    public List<Outgoing> apologize(ChatInput input) {
        return List.of(new SendText(input.sender().chatId(), APOLOGY));
    }

    /** The texts handled successfully in the chat, in the order they were handled. */
    List<String> handledIn(ChatId chat) {
        return List.copyOf(handled.getOrDefault(chat, List.of()));
    }

    int callsFor(String text) {
        AtomicInteger count = calls.get(text);
        return count == null ? 0 : count.get();
    }
}
