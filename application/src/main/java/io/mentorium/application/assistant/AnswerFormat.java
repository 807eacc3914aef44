package io.mentorium.application.assistant;

import io.mentorium.application.conversation.Markup;
import io.mentorium.application.port.out.Messenger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a model's plain-text answer into Telegram HTML that Telegram always accepts: everything escaped, then only the
 * two markdown habits models keep (bold and headings) turned into tags that open and close on the same line. Long
 * answers are split at paragraph boundaries before rendering, so no tag ever spans two messages.
 */
public final class AnswerFormat {

    static final int LIMIT = Messenger.MAX_TEXT_LENGTH;

    private static final Pattern BOLD = Pattern.compile("\\*\\*([^*\\n]{1,300}?)\\*\\*");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}[ \\t]+(.+)$");

    private AnswerFormat() {
    }

    /** The answer as HTML; may be longer than one message (see {@link #parts}). */
    public static String render(String plain) {
        String html = Markup.escape(plain.strip());
        // Only where a heading or bold text could be: a preview is rendered about once a second of every answer.
        html = html.indexOf('#') < 0 ? html : HEADING.matcher(html).replaceAll("<b>$1</b>");
        return !html.contains("**") ? html : BOLD.matcher(html).replaceAll("<b>$1</b>");
    }

    /**
     * The answer as messages of at most {@link #LIMIT} characters each, {@code headerHtml} (already HTML, short) in
     * front of the first. Splits between paragraphs, else between lines, else between words, else anywhere.
     */
    public static List<String> parts(String headerHtml, String plain) {
        List<String> parts = new ArrayList<>();
        String header = headerHtml.isEmpty() ? "" : headerHtml + "\n\n";
        String rest = plain.strip();
        while (!rest.isEmpty()) {
            int budget = LIMIT - (parts.isEmpty() ? header.length() : 0);
            // Most answers fit in one message: rendered once, the rendering that measured them is the message.
            String whole = render(rest);
            if (whole.length() <= budget) {
                parts.add(parts.isEmpty() ? header + whole : whole);
                break;
            }
            int cut = cut(rest, budget);
            String piece = render(rest.substring(0, cut));
            parts.add(parts.isEmpty() ? header + piece : piece);
            rest = rest.substring(cut).strip();
        }
        if (parts.isEmpty()) {
            parts.add(header.isEmpty() ? "…" : header.strip());
        }
        return List.copyOf(parts);
    }

    /** A preview of a growing answer for a draft or an edit: its last part as it stands. */
    public static String preview(String plain) {
        List<String> parts = parts("", plain);
        return parts.getLast();
    }

    /** Where to cut {@code text}, whose rendering is longer than {@code budget}, so that its first part's fits. */
    private static int cut(String text, int budget) {
        int hardLimit = longestFitting(text, budget);
        for (String boundary : List.of("\n\n", "\n", " ")) {
            int at = text.lastIndexOf(boundary, hardLimit);
            // A boundary too early would leave a tiny message; a quarter of the budget is the least worth a message.
            if (at > hardLimit / 4) {
                return at;
            }
        }
        return hardLimit;
    }

    /** The longest prefix whose rendering fits (escaping only grows text, so a binary search works). */
    private static int longestFitting(String text, int budget) {
        int low = 1;
        int high = Math.min(text.length(), budget);
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (render(text.substring(0, middle)).length() <= budget) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        // Never split a surrogate pair.
        if (low < text.length() && Character.isLowSurrogate(text.charAt(low)) && low > 1) {
            low--;
        }
        return low;
    }
}
