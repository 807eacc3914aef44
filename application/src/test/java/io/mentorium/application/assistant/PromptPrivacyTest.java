package io.mentorium.application.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromptPrivacyTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "How is Dilnoza doing in maths?|How is Dilnoza doing in maths?",
            "write to aziz.k@mail.uz please|write to [e-mail] please",
            "my code is AZIZ-7K2Q|my code is [code]",
            "call +998 90 123-45-67 today|call [number] today",
            // Two digits are the least a long number has: spaces and dashes may make up the rest of its run.
            "1 - - - 2|[number]",
            "grade 7, week 4|grade 7, week 4",
            "well-known e-mail rules|well-known e-mail rules",
            "x@y and a@b.uz|x@y and [e-mail]"})
    void personalDataIsReplacedAndEverythingElseKept(String typed, String sent) {
        assertThat(PromptPrivacy.scrub(typed)).isEqualTo(sent);
    }
}
