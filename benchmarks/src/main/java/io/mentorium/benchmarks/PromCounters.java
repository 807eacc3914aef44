package io.mentorium.benchmarks;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counters by one label read from the Prometheus text format the bot's {@code /metrics} serves, e.g.
 * {@code mentorium_assistant_questions_total{outcome="model"} 12.0} — enough to tell what happened during a phase
 * from a reading before and one after.
 */
final class PromCounters {

    private PromCounters() {
    }

    /** The samples of {@code name} by the value of {@code label}; samples without that label are left out. */
    static Map<String, Double> byLabel(String exposition, String name, String label) {
        Map<String, Double> values = new TreeMap<>();
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)}\\s+(\\S+)", Pattern.MULTILINE);
        Pattern labelValue = Pattern.compile("(?:^|,)\\s*" + Pattern.quote(label) + "=\"([^\"]*)\"");
        Matcher m = sample.matcher(exposition);
        while (m.find()) {
            Matcher l = labelValue.matcher(m.group(1));
            if (l.find()) {
                values.merge(l.group(1), Double.parseDouble(m.group(2)), Double::sum);
            }
        }
        return values;
    }

    /** {@code after - before} for every label value in either; what a phase added. */
    static Map<String, Long> difference(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Long> added = new TreeMap<>();
        after.forEach((key, value) -> added.put(key, Math.round(value - before.getOrDefault(key, 0.0))));
        before.keySet().forEach(key -> added.putIfAbsent(key, Math.round(-before.get(key))));
        return added;
    }
}
