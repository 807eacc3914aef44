package io.mentorium.application.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerFormatTest {

    @Test
    void everythingIsEscapedAndOnlyBoldAndHeadingsBecomeTags() {
        assertThat(AnswerFormat.render("### Week\n**Aziz** <script>&amp; *single* `code` [link](x)"))
                .isEqualTo("<b>Week</b>\n<b>Aziz</b> &lt;script&gt;&amp;amp; *single* `code` [link](x)");
        assertThat(AnswerFormat.render("**unclosed bold\nnext** line")).doesNotContain("<b>");
    }

    @Test
    void aLongAnswerSplitsAtParagraphsThenLinesThenWordsAndNeverInsideATag() {
        String paragraph = "**Bold** words & more words. ".repeat(60).strip();
        List<String> parts = AnswerFormat.parts("<i>header</i>", paragraph + "\n\n" + paragraph + "\n\n" + paragraph);

        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(part -> {
            assertThat(part.length()).isLessThanOrEqualTo(4096);
            assertThat(part.split("<b>", -1).length).isEqualTo(part.split("</b>", -1).length);
        });
        assertThat(parts.getFirst()).startsWith("<i>header</i>\n\n");

        String oneLine = "word ".repeat(2000).strip();
        assertThat(AnswerFormat.parts("", oneLine)).allSatisfy(part -> {
            assertThat(part.length()).isLessThanOrEqualTo(4096);
            assertThat(part).startsWith("word").endsWith("word");
        });
    }

    @Test
    void aSurrogatePairIsNeverCutAndEscapingGrowthIsAccountedFor() {
        String emoji = "😀".repeat(3000);
        List<String> parts = AnswerFormat.parts("", emoji);
        assertThat(String.join("", parts)).isEqualTo(emoji);
        assertThat(parts).allSatisfy(part -> assertThat(Character.isLowSurrogate(part.charAt(0))).isFalse());

        List<String> ampersands = AnswerFormat.parts("", "&".repeat(5000));
        assertThat(ampersands).allSatisfy(part -> assertThat(part.length()).isLessThanOrEqualTo(4096));
        assertThat(String.join("", ampersands)).isEqualTo("&amp;".repeat(5000));
    }

    @Test
    void thePreviewIsTheLastPartAsItStands() {
        assertThat(AnswerFormat.preview("short & sweet")).isEqualTo("short &amp; sweet");
        String text = "a ".repeat(3000) + "\n\nthe tail";
        assertThat(AnswerFormat.preview(text)).endsWith("the tail").hasSizeLessThanOrEqualTo(4096);
    }
}
