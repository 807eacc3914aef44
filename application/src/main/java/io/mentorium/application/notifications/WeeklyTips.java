package io.mentorium.application.notifications;

import io.mentorium.application.port.out.TipWriter;
import io.mentorium.application.port.out.TipWriter.Draft;
import io.mentorium.application.port.out.TipWriter.TipRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weekly tips of one page of parents: the configured writer's where it wrote a usable one, the rules' otherwise —
 * a declined, failed, empty or oversized draft costs the parent nothing but the model's words. A remote writer is
 * asked for several tips at once, at most {@code concurrency}, on threads of this page that hold no connection of the
 * bot's database: the tips are written before any transaction starts.
 */
final class WeeklyTips {

    /** Longer than a calm tip of one to three suggestions needs; a longer draft is a model gone astray. */
    static final int MAX_TIP_CHARS = 800;

    private static final Logger LOG = LoggerFactory.getLogger(WeeklyTips.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final TipWriter writer;
    private final RuleBasedTipWriter rules;
    private final int concurrency;

    /** How one run's tips were written, for its log line. */
    static final class Counts {
        final AtomicInteger written = new AtomicInteger();
        final AtomicInteger fellBack = new AtomicInteger();
    }

    WeeklyTips(TipWriter writer, RuleBasedTipWriter rules, int concurrency) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.rules = Objects.requireNonNull(rules, "rules");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be positive: " + concurrency);
        }
        this.concurrency = concurrency;
    }

    boolean remote() {
        return writer.remote();
    }

    /** Each request's tip sentence, in order. Never throws. */
    List<String> write(List<TipRequest> requests, Counts counts) {
        if (requests.isEmpty()) {
            return List.of();
        }
        if (!writer.remote() || requests.size() == 1 || concurrency == 1) {
            return requests.stream().map(request -> one(request, counts)).toList();
        }
        List<String> sentences = new ArrayList<>(requests.size());
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, requests.size()), THREAD)) {
            List<Future<String>> drafts = requests.stream().map(request -> pool.submit(() -> one(request, counts)))
                    .toList();
            boolean interrupted = false;
            for (int i = 0; i < drafts.size(); i++) {
                if (interrupted) {
                    drafts.get(i).cancel(true);
                    sentences.add(fallBack(requests.get(i), counts));
                    continue;
                }
                try {
                    sentences.add(drafts.get(i).get());
                } catch (InterruptedException e) {
                    // Shutting down: what is not written yet goes out rule-based rather than not at all.
                    Thread.currentThread().interrupt();
                    interrupted = true;
                    drafts.get(i).cancel(true);
                    sentences.add(fallBack(requests.get(i), counts));
                } catch (ExecutionException e) {
                    sentences.add(fallBack(requests.get(i), counts));
                }
            }
            if (interrupted) {
                pool.shutdownNow();
            }
        }
        return sentences;
    }

    private String one(TipRequest request, Counts counts) {
        Draft draft;
        try {
            draft = writer.write(request);
        } catch (RuntimeException e) {
            // The port says a writer never throws; if one does, the parent still gets the rules' tip.
            LOG.warn("Tip writer failed unexpectedly: {}", e.getClass().getName());
            return fallBack(request, counts);
        }
        return switch (draft) {
            // A local writer's words are the bundle's own: nothing to check.
            case Draft.Written written when !writer.remote() -> written.text();
            case Draft.Written written -> usable(written.text()).map(text -> {
                counts.written.incrementAndGet();
                return text;
            }).orElseGet(() -> {
                LOG.debug("Tip draft unusable ({} characters); the rule-based tip goes out", written.text().length());
                return fallBack(request, counts);
            });
            case Draft.Declined declined -> {
                LOG.debug("Tip writer declined: {}", declined.detail());
                yield fallBack(request, counts);
            }
        };
    }

    private String fallBack(TipRequest request, Counts counts) {
        if (writer.remote()) {
            counts.fellBack.incrementAndGet();
        }
        return ((Draft.Written) rules.write(request)).text();
    }

    /** Trimmed, without the markdown a model may add anyway (the text is shown as is); empty or too long: none. */
    static java.util.Optional<String> usable(String draft) {
        String text = draft.replace("**", "").replace("__", "").strip();
        if (text.isEmpty() || text.length() > MAX_TIP_CHARS) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(text);
    }

    private static final ThreadFactory THREAD = runnable -> {
        Thread thread = new Thread(runnable, "weekly-tips-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    };
}
