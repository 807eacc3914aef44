package io.mentorium.application.conversation;

import io.mentorium.application.port.out.Messenger.Keyboard;
import io.mentorium.domain.shared.Language;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reply keyboard under the chat. A pressed key arrives as its label, so labels are matched exactly (after
 * trimming) in every language: after a language switch the old keyboard may still be on screen.
 */
final class MainMenu {

    enum Item {
        CHILDREN(MessageKey.MENU_CHILDREN),
        REPORT(MessageKey.MENU_REPORT),
        ASSISTANT(MessageKey.MENU_ASSISTANT),
        SUBSCRIPTION(MessageKey.MENU_SUBSCRIPTION),
        SETTINGS(MessageKey.MENU_SETTINGS),
        HELP(MessageKey.MENU_HELP);

        private final MessageKey label;

        Item(MessageKey label) {
            this.label = label;
        }
    }

    private static final int KEYS_PER_ROW = 2;

    private final Map<String, Item> byLabel = new HashMap<>();
    private final Map<Language, Keyboard.Reply> keyboards = new EnumMap<>(Language.class);

    MainMenu(Messages messages) {
        for (Language language : Language.values()) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            for (Item item : Item.values()) {
                String label = messages.plain(language, item.label).strip();
                Item previous = byLabel.put(label, item);
                if (previous != null && previous != item) {
                    throw new IllegalStateException("menu label used for two items: " + previous + ", " + item);
                }
                row.add(label);
                if (row.size() == KEYS_PER_ROW) {
                    rows.add(row);
                    row = new ArrayList<>();
                }
            }
            if (!row.isEmpty()) {
                rows.add(row);
            }
            keyboards.put(language, new Keyboard.Reply(rows));
        }
    }

    Optional<Item> match(String typed) {
        return Optional.ofNullable(byLabel.get(typed.strip()));
    }

    Keyboard.Reply keyboard(Language language) {
        return keyboards.get(language);
    }
}
