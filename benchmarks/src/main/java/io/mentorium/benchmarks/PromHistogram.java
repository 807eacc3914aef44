package io.mentorium.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One histogram of the bot's, read from its {@code /metrics} text: by default its own
 * {@code mentorium_update_handling_seconds} (inbox to committed replies). Quantiles are estimated as Prometheus'
 * {@code histogram_quantile} does: linear within the bucket that holds the rank, so they are only as fine as the
 * buckets.
 *
 * @param upperBounds the buckets' upper bounds in seconds, ascending, the last one {@code +Inf}
 * @param cumulative  observations at or below each bound
 */
record PromHistogram(List<Double> upperBounds, List<Double> cumulative) {

    static final String NAME = "mentorium_update_handling_seconds";

    PromHistogram {
        upperBounds = List.copyOf(upperBounds);
        cumulative = List.copyOf(cumulative);
        if (upperBounds.size() != cumulative.size()) {
            throw new IllegalArgumentException("bounds and counts differ in length");
        }
    }

    /** The update handling histogram in a Prometheus text exposition, all its series together, if it is there. */
    static Optional<PromHistogram> parse(String exposition) {
        return parse(exposition, NAME, "");
    }

    /**
     * The histogram {@code name} in a Prometheus text exposition, if it is there: of a labelled one, the series whose
     * labels include {@code label} (e.g. {@code pool="mentorium-bot"}), added up bucket by bucket when several do (as
     * {@code sum by (le)}; an empty label takes them all).
     */
    static Optional<PromHistogram> parse(String exposition, String name, String label) {
        Pattern buckets =
                Pattern.compile("^" + Pattern.quote(name) + "_bucket\\{(?:.*,)?le=\"([^\"]+)\".*}\\s+(\\S+)");
        Map<Double, Double> counts = new TreeMap<>();
        for (String line : exposition.split("\n")) {
            Matcher bucket = buckets.matcher(line.strip());
            if (bucket.matches() && line.contains(label)) {
                double bound = bucket.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY
                        : Double.parseDouble(bucket.group(1));
                counts.merge(bound, Double.parseDouble(bucket.group(2)), Double::sum);
            }
        }
        return counts.isEmpty() ? Optional.empty()
                : Optional.of(new PromHistogram(new ArrayList<>(counts.keySet()), new ArrayList<>(counts.values())));
    }

    /** What {@link #parse(String, String, String)} finds observed between two scrapes, if both have it. */
    static Optional<PromHistogram> between(String before, String after, String name, String label) {
        return parse(after, name, label).flatMap(later -> parse(before, name, label).map(later::since));
    }

    /** What was observed since {@code earlier} (a scrape of the same histogram). */
    PromHistogram since(PromHistogram earlier) {
        if (!earlier.upperBounds.equals(upperBounds)) {
            throw new IllegalArgumentException("not the same buckets");
        }
        List<Double> counts = new ArrayList<>();
        for (int i = 0; i < cumulative.size(); i++) {
            counts.add(cumulative.get(i) - earlier.cumulative.get(i));
        }
        return new PromHistogram(upperBounds, counts);
    }

    double count() {
        return cumulative.isEmpty() ? 0 : cumulative.getLast();
    }

    /** Observations above {@code bound}, which must be one of the buckets' bounds. */
    double above(double bound) {
        int i = upperBounds.indexOf(bound);
        if (i < 0) {
            throw new IllegalArgumentException("no bucket ends at " + bound);
        }
        return count() - cumulative.get(i);
    }

    /** The estimated quantile in seconds; the highest finite bound when the rank falls in {@code +Inf}. */
    double quantile(double q) {
        double total = count();
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double below = 0;
        for (int i = 0; i < upperBounds.size(); i++) {
            double upper = upperBounds.get(i);
            double atOrBelow = cumulative.get(i);
            if (atOrBelow >= rank) {
                if (Double.isInfinite(upper)) {
                    return lowerBound;
                }
                double inBucket = atOrBelow - below;
                return inBucket == 0 ? upper : lowerBound + (upper - lowerBound) * (rank - below) / inBucket;
            }
            lowerBound = upper;
            below = atOrBelow;
        }
        return lowerBound;
    }
}
