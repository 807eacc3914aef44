package io.mentorium.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LoadMixTest {

    private static final long FIRST_NEWCOMER = 900_000_001L;

    private final LoadMix mix = new LoadMix(Chat.numbered(1_000, 20), 5, FIRST_NEWCOMER);

    @Test
    void everyWaveHasEveryParentOnceAndNewcomersStartingThenFollowingUpOneWaveLater() {
        List<ObjectNode> first = mix.nextWave();
        List<ObjectNode> second = mix.nextWave();

        assertThat(first).hasSize(20 + 5);
        assertThat(second).hasSize(mix.steadyWaveSize()).hasSize(20 + 5 + 5);
        assertThat(chats(first)).hasSize(first.size());
        assertThat(chats(second)).hasSize(second.size());
        Set<Long> startedFirst = chatsSending(first, "/start");
        assertThat(startedFirst).hasSize(5).allMatch(chat -> chat >= FIRST_NEWCOMER);
        // Parents send /help too, as one of their menu inputs.
        assertThat(chatsSending(second, "/help").stream().filter(chat -> chat >= FIRST_NEWCOMER))
                .containsExactlyInAnyOrderElementsOf(startedFirst);
        Set<Long> startedSecond = chatsSending(second, "/start");
        assertThat(startedSecond).hasSize(5).doesNotContainAnyElementsOf(startedFirst);
        assertThat(chats(second).stream().filter(chat -> chat < FIRST_NEWCOMER)).hasSize(20);
    }

    @Test
    void newcomersAreNeverReused() {
        Set<Long> started = new HashSet<>();
        for (int wave = 0; wave < 10; wave++) {
            for (long chat : chatsSending(mix.nextWave(), "/start")) {
                assertThat(started.add(chat)).as("chat %d started twice", chat).isTrue();
            }
        }
        assertThat(started).hasSize(50);
    }

    @Test
    void newcomersAndParentsAreInterleavedRatherThanQueuedBehindEachOther() {
        mix.nextWave();
        List<ObjectNode> wave = mix.nextWave();

        List<Boolean> isNewcomer = wave.stream().map(update -> chatOf(update) >= FIRST_NEWCOMER).toList();

        assertThat(isNewcomer.subList(0, 10)).contains(true, false);
        assertThat(isNewcomer.subList(10, wave.size())).contains(true, false);
    }

    private static Set<Long> chats(List<ObjectNode> updates) {
        return updates.stream().map(LoadMixTest::chatOf).collect(Collectors.toSet());
    }

    private static Set<Long> chatsSending(List<ObjectNode> updates, String text) {
        return updates.stream().filter(update -> update.path("message").path("text").asText().equals(text))
                .map(LoadMixTest::chatOf).collect(Collectors.toSet());
    }

    private static long chatOf(ObjectNode update) {
        return update.path("message").path("chat").path("id").asLong();
    }
}
