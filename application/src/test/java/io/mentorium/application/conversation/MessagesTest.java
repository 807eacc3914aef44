package io.mentorium.application.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.domain.shared.Language;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MessagesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");
    private static final Path SOURCES = Path.of("src/main/java/io/mentorium/application/conversation");

    private final Messages messages = new Messages();

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyKeyIsInEveryBundleAndNoBundleHasKeysTheEnumLacks(Language language) {
        Set<String> expected = Arrays.stream(MessageKey.values()).map(MessageKey::bundleKey)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(new TreeSet<>(messages.keys(language))).isEqualTo(expected);
    }

    @Test
    void everyKeyHasTheSamePlaceholdersInAllThreeLanguages() {
        Map<MessageKey, Map<Language, Set<String>>> mismatches = new TreeMap<>();
        for (MessageKey key : MessageKey.values()) {
            Map<Language, Set<String>> byLanguage = new TreeMap<>();
            for (Language language : Language.values()) {
                byLanguage.put(language, placeholders(messages.pattern(language, key)));
            }
            if (byLanguage.values().stream().distinct().count() != 1) {
                mismatches.put(key, byLanguage);
            }
        }

        assertThat(mismatches).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyValueIsAValidPatternWithoutAnApostropheMessageFormatWouldSwallow(Language language) {
        for (MessageKey key : MessageKey.values()) {
            String pattern = messages.pattern(language, key);
            assertThat(pattern).as(key + " in " + language).isNotBlank();
            if (key.isDatePattern()) {
                // Here an apostrophe quotes a literal ("yyyy-'yil' d-MMMM") and must be consumed by the formatter.
                assertThat(messages.dateFormat(language, key).format(LocalDate.of(2025, 3, 12)))
                        .as(key + " in " + language).doesNotContain("'");
            } else {
                assertThat(pattern).as(key + " in " + language).doesNotContain("'");
                assertThatCode(() -> new MessageFormat(pattern, language.locale()))
                        .as(key + " in " + language).doesNotThrowAnyException();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyTextIsWhatMessageFormatItselfWritesForNumbersStringsAndWithoutArguments(Language language) {
        // Numbers are written with one number format built per language, strings put between the literals, and a text
        // without arguments is kept: none of it may change a character of what MessageFormat writes, thousands
        // separators, choices, quotes and missing arguments included.
        Object[][] argumentSets = {{}, {1_234_567, 2.5, 3L, 0, 1, 21, 1_000_000, 12}, {7, 1, 2, 5, 11, 100, 0.25, 3},
                {"Aziz", "<b>x</b>", "it's {0} '{1}'", "", "Дилноза", "Oʻgʻil", "100%", "$1 \\ {"},
                {"Aziz", 12, "3", null, LocalDate.of(2026, 12, 5), 0.5, "x", "y"}, {"only one"}};
        for (MessageKey key : MessageKey.values()) {
            if (key.isDatePattern()) {
                continue;
            }
            for (Object[] arguments : argumentSets) {
                String expected;
                try {
                    expected = new MessageFormat(messages.pattern(language, key), language.locale()).format(arguments);
                } catch (IllegalArgumentException notANumber) {
                    // A text where the pattern formats a number: refused alike.
                    assertThatThrownBy(() -> messages.plain(language, key, arguments)).as(key + " in " + language)
                            .isInstanceOf(IllegalArgumentException.class);
                    continue;
                }

                assertThat(messages.plain(language, key, arguments)).as(key + " in " + language).isEqualTo(expected);
                assertThat(messages.plain(language, key, arguments)).as(key + " again").isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void wholeNumbersAreWrittenAsTheLocalesNumberFormatWritesThem(Language language) {
        String pattern = "{0} | {1}";
        List<Number> numbers = new ArrayList<>(List.of(0, 7, 999, 1_000, 12_345, 49_000, 100_000, 999_999,
                1_000_000, 1_234_567_890, Integer.MAX_VALUE, Long.MAX_VALUE, (short) 32_000, (byte) 12, -1, -49_000,
                Long.MIN_VALUE, 2.5, 1_000.0, new BigDecimal("12345.5"), BigInteger.TEN.pow(20)));
        for (long n = 1; n < Long.MAX_VALUE / 7; n = n * 7 + 3) {
            numbers.add(n);
        }
        for (Number number : numbers) {
            Object[] arguments = {number, "x"};

            assertThat(Messages.withPlainNumbers(pattern, language.locale(), arguments)).as(number + " in " + language)
                    .isEqualTo(new MessageFormat(pattern, language.locale()).format(arguments));
        }
    }

    @Test
    void aNumberGivenAFormatOfItsOwnAnywhereInThePatternIsLeftToThatFormat() {
        String pattern = "{0} / {0,number,#.#} / {1,choice,0#none|1#one|1<{1,number,integer} many} / {2} / {3}";
        Object[] arguments = {12345.678, 3, 9_876_543, "text"};

        assertThat(Messages.withPlainNumbers(pattern, Language.RU.locale(), arguments))
                .isEqualTo(new MessageFormat(pattern, Language.RU.locale()).format(arguments))
                .contains("12345,7 / 3 many / ").endsWith(" / text");
    }

    @Test
    void menuLabelsDifferBetweenItemsInEveryLanguage() {
        for (Language language : Language.values()) {
            List<String> labels = Stream.of(MessageKey.MENU_CHILDREN, MessageKey.MENU_REPORT, MessageKey.MENU_ASSISTANT,
                    MessageKey.MENU_SUBSCRIPTION, MessageKey.MENU_SETTINGS, MessageKey.MENU_HELP)
                    .map(key -> messages.plain(language, key)).toList();

            assertThat(labels).doesNotHaveDuplicates();
        }
    }

    @Test
    void stringArgumentsAreEscapedAndMarkupArgumentsAreNot() {
        String html = messages.html(Language.EN, MessageKey.ALREADY_LINKED, "<b>Tom</b> & Jerry");
        String composed = messages.html(Language.EN, MessageKey.ALREADY_LINKED, new Markup("<b>Tom</b>"));

        assertThat(html).startsWith("&lt;b&gt;Tom&lt;/b&gt; &amp; Jerry");
        assertThat(composed).startsWith("<b>Tom</b>");
    }

    /**
     * No handler holds a user-facing text: every string literal in the package's sources is a technical token, a
     * log or exception message (for developers), or in the short allow-list below.
     */
    @Test
    void noSourceOfTheConversationHoldsAUserFacingString() throws IOException {
        Pattern technical = Pattern.compile("^[a-z0-9_:./|%-]*$");
        Set<String> allowed = Set.of("\\n", "\\n\\n", "…", "&amp;", "&lt;", "&gt;");
        List<String> offenders = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.list(SOURCES)) {
            sources = files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
        assertThat(sources).hasSizeGreaterThan(10);
        int literals = 0;
        for (Path source : sources) {
            for (Literal literal : JavaLiterals.of(Files.readString(source))) {
                literals++;
                if (!literal.forDevelopers() && !technical.matcher(literal.text()).matches()
                        && !allowed.contains(literal.text())) {
                    offenders.add(source.getFileName() + ": \"" + literal.text() + "\"");
                }
            }
        }

        assertThat(literals).as("the scanner found the literals").isGreaterThan(50);
        assertThat(offenders).isEmpty();
    }

    @Test
    void theSourceScannerFindsASentenceInCodeButNotInCommentsOrLogs() {
        String source = """
                class Sample {
                    // "A comment" is not code
                    /* "Nor is this" */
                    String label = "Hello, parent!";
                    String token = "1:lang:ru";
                    void log() { LOG.info("Parent {} did {}", 1, 2); throw new IllegalStateException("bad state " + x); }
                    Sample(Object parent) { this.parent = Objects.requireNonNull(parent, "parent"); }
                    char quote = '"';
                    String escaped = "say \\"hi\\"";
                }
                """;

        List<Literal> literals = JavaLiterals.of(source);

        assertThat(literals).extracting(Literal::text)
                .containsExactly("Hello, parent!", "1:lang:ru", "Parent {} did {}", "bad state ", "parent",
                        "say \\\"hi\\\"");
        assertThat(literals).extracting(Literal::forDevelopers)
                .containsExactly(false, false, true, true, true, false);
    }

    private static Set<String> placeholders(String pattern) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(pattern);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    /** A string literal as written in the source (escapes not interpreted). */
    record Literal(String text, boolean forDevelopers) {
    }

    /** A small lexer: finds string literals outside comments and char literals, and whom each one is for. */
    static final class JavaLiterals {

        private static final Pattern DEVELOPER_CALL =
                Pattern.compile("(LOG\\.(trace|debug|info|warn|error)|new\\s+\\w*(Exception|Error)|requireNonNull)\\s*$");

        private JavaLiterals() {
        }

        static List<Literal> of(String source) {
            List<Literal> literals = new ArrayList<>();
            StringBuilder code = new StringBuilder();
            int i = 0;
            while (i < source.length()) {
                char c = source.charAt(i);
                if (source.startsWith("//", i)) {
                    i = source.indexOf('\n', i) < 0 ? source.length() : source.indexOf('\n', i);
                } else if (source.startsWith("/*", i)) {
                    i = source.indexOf("*/", i + 2) + 2;
                } else if (c == '\'') {
                    int end = i + 1;
                    while (source.charAt(end) != '\'') {
                        end += source.charAt(end) == '\\' ? 2 : 1;
                    }
                    code.append("' '");
                    i = end + 1;
                } else if (c == '"') {
                    int end = i + 1;
                    while (source.charAt(end) != '"') {
                        end += source.charAt(end) == '\\' ? 2 : 1;
                    }
                    literals.add(new Literal(source.substring(i + 1, end), forDevelopers(code)));
                    code.append("\"\"");
                    i = end + 1;
                } else {
                    code.append(c);
                    i++;
                }
            }
            return literals;
        }

        /** Whether the innermost open call before the literal logs or builds an exception. */
        private static boolean forDevelopers(StringBuilder codeBefore) {
            int depth = 0;
            for (int i = codeBefore.length() - 1; i >= 0; i--) {
                char c = codeBefore.charAt(i);
                if (c == ')') {
                    depth++;
                } else if (c == '(') {
                    if (depth == 0) {
                        return DEVELOPER_CALL.matcher(codeBefore.substring(0, i)).find();
                    }
                    depth--;
                } else if ((c == ';' || c == '{' || c == '}') && depth == 0) {
                    return false;
                }
            }
            return false;
        }
    }
}
