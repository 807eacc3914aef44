package io.mentorium.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    @Test
    void aStatementBecomesOneTableCellThatCannotBreakTheTable() {
        String cell = MarkdownReport.shorten("SELECT a | b,\n  `c`\tFROM t");

        assertThat(cell).isEqualTo("SELECT a \\| b, 'c' FROM t");
    }

    @Test
    void aLongStatementIsCutWithAnEllipsis() {
        String cell = MarkdownReport.shorten("SELECT " + "x, ".repeat(100) + "y FROM t");

        assertThat(cell).hasSize(108).endsWith("…").startsWith("SELECT x, x,");
    }
}
