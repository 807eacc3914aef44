package io.mentorium.archfixture.violating.application.service;

import org.assertj.core.api.Assertions;

/** Uses a library no deny-list names: only the allow-list catches it. */
public class ReportFormatter {

    public String format(String text) {
        Assertions.assertThat(text).isNotBlank();
        return text.strip();
    }
}
