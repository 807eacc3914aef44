package io.mentorium.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Warnings and errors in a stretch of the bot's text log ({@code HH:mm:ss.SSS LEVEL [thread] logger mdc - message}),
 * grouped by message with its numbers blanked, so that a phase's report can say what the bot complained about.
 *
 * @param warnings lines at WARN
 * @param errors   lines at ERROR
 * @param top      the most frequent messages ({@code LEVEL logger - message}, numbers as {@code #}) and their counts
 */
record LogTally(int warnings, int errors, Map<String, Integer> top) {

    private static final Pattern LINE = Pattern.compile(
            "^\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\s+(WARN|ERROR)\\s+\\[[^]]*]\\s+(\\S+).*? - (.*)$");

    static LogTally of(List<String> lines, int topCount) {
        int warnings = 0;
        int errors = 0;
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            if (m.group(1).equals("WARN")) {
                warnings++;
            } else {
                errors++;
            }
            String message = m.group(3).replaceAll("\\d+", "#");
            if (message.length() > 140) {
                message = message.substring(0, 140) + "…";
            }
            counts.merge(m.group(1) + " " + m.group(2) + " - " + message, 1, Integer::sum);
        }
        Map<String, Integer> top = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(topCount)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        return new LogTally(warnings, errors, top);
    }
}
