package io.mentorium.adapters.openai;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values worked out from keys that come from code, not from users — the tool sets offered, the instructions of each
 * prompt template and language — so that there are only a handful and every request repeats them. Bounded all the
 * same: past {@code max} keys (which would mean something else varies them) values are worked out each time instead
 * of being kept.
 */
final class BoundedMemo<K, V> {

    private final Map<K, V> values = new ConcurrentHashMap<>();
    private final int max;

    BoundedMemo(int max) {
        this.max = max;
    }

    /** {@code key} must not change afterwards: it is kept as given. */
    V get(K key, Function<K, V> compute) {
        V known = values.get(key);
        if (known != null) {
            return known;
        }
        V computed = compute.apply(key);
        if (values.size() < max) {
            values.putIfAbsent(key, computed);
        }
        return computed;
    }
}
