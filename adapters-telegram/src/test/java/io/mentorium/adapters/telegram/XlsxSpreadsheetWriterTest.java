package io.mentorium.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.out.SpreadsheetWriter.Sheet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

class XlsxSpreadsheetWriterTest {

    private final XlsxSpreadsheetWriter writer = new XlsxSpreadsheetWriter();

    @Test
    void theFileReadsBackWithItsHeaderRowsTypesAndSheets() throws IOException {
        byte[] file = writer.write(List.of(
                new Sheet("payments", List.of("order", "amount", "paid at", "note"), List.of(
                        Arrays.asList("order-1", 99_000L, Instant.parse("2025-03-02T10:15:30Z"), "Ёлка & <b>"),
                        Arrays.asList("order-2", 250, null, null))),
                new Sheet("a:b/c?", List.of("x"), List.of())));

        assertThat(writer.extension()).isEqualTo("xlsx");
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(file))) {
            assertThat(workbook.getSheets().map(sheet -> sheet.getName()).toList()).containsExactly("payments", "a_b_c_");
            List<Row> rows = workbook.getFirstSheet().read();
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0).stream().map(cell -> cell.asString()).toList())
                    .containsExactly("order", "amount", "paid at", "note");
            assertThat(rows.get(1).getCellAsString(0)).contains("order-1");
            assertThat(rows.get(1).getCellAsNumber(1)).contains(new BigDecimal("99000"));
            assertThat(rows.get(1).getCellAsDate(2)).contains(LocalDateTime.parse("2025-03-02T10:15:30"));
            assertThat(rows.get(1).getCellAsString(3)).contains("Ёлка & <b>");
            assertThat(rows.get(2).getCellAsNumber(1)).contains(new BigDecimal("250"));
            assertThat(rows.get(2).getCellAsString(2)).isEmpty();
        }
    }
}
