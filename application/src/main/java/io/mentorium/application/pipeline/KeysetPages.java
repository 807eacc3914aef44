package io.mentorium.application.pipeline;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/** Reads pending rows page by page after the last key seen, so a resume never holds one huge result set. */
final class KeysetPages {

    static final int PAGE_SIZE = 500;

    @FunctionalInterface
    interface PageReader<T> {
        List<T> after(long key, int limit);
    }

    private KeysetPages() {
    }

    /** Hands every page to {@code sink} in key order; returns how many rows there were. */
    static <T> int forEach(PageReader<T> reader, ToLongFunction<T> key, Consumer<List<T>> sink) {
        int total = 0;
        long after = Long.MIN_VALUE;
        while (true) {
            List<T> page = reader.after(after, PAGE_SIZE);
            if (page.isEmpty()) {
                return total;
            }
            sink.accept(page);
            total += page.size();
            after = key.applyAsLong(page.getLast());
            if (page.size() < PAGE_SIZE) {
                return total;
            }
        }
    }
}
