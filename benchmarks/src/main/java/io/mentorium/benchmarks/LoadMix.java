package io.mentorium.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorium.adapters.telegram.testing.TelegramUpdates;
import io.mentorium.domain.shared.Language;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The benchmark's traffic, in waves: every registered parent sends its next menu-type input, {@code newcomers} chats
 * the bot has never seen send {@code /start}, and the previous wave's newcomers follow up with {@code /help}. Every
 * update is answered with exactly one message, by the bot and by the echo baseline alike. Within a wave each chat
 * appears once, so a chat never has two updates in the same wave; the order is shuffled (with a fixed seed) so that
 * newcomers and parents are interleaved as they would be in real traffic. Used from the driving thread only.
 */
final class LoadMix {

    private final List<Chat> parents;
    private final int newcomers;
    private final Random shuffle = new Random(20_261_201L);
    private final Language[] languages = Language.values();
    private long nextNewcomer;
    private List<TelegramUpdates.Person> previous = List.of();

    /**
     * @param parents       registered parents pressing menu buttons
     * @param newcomers     never-seen chats that start in each wave
     * @param firstNewcomer chat id of the first newcomer; later ones count up from it, so none is ever reused
     */
    LoadMix(List<Chat> parents, int newcomers, long firstNewcomer) {
        if (newcomers < 0) {
            throw new IllegalArgumentException("newcomers must not be negative");
        }
        this.parents = List.copyOf(parents);
        this.newcomers = newcomers;
        this.nextNewcomer = firstNewcomer;
    }

    /** The next wave's updates. */
    List<ObjectNode> nextWave() {
        List<ObjectNode> wave = new ArrayList<>(parents.size() + 2 * newcomers);
        parents.forEach(parent -> wave.add(parent.nextInput()));
        previous.forEach(newcomer -> wave.add(newcomer.command("help")));
        List<TelegramUpdates.Person> started = new ArrayList<>(newcomers);
        for (int i = 0; i < newcomers; i++) {
            long chat = nextNewcomer++;
            TelegramUpdates.Person person =
                    TelegramUpdates.person(chat, languages[(int) (chat % languages.length)].code());
            started.add(person);
            wave.add(person.command("start"));
        }
        previous = started;
        Collections.shuffle(wave, shuffle);
        return wave;
    }

    /** Updates in a wave once the mix is running: every parent, the newcomers starting and those following up. */
    int steadyWaveSize() {
        return parents.size() + 2 * newcomers;
    }
}
