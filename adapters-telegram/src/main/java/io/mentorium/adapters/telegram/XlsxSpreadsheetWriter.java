package io.mentorium.adapters.telegram;

import io.mentorium.application.port.out.SpreadsheetWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * XLSX through fastexcel: it streams rows into the archive without a document model, so an export of tens of thousands
 * of rows costs a few megabytes of heap rather than the hundreds a DOM-based library (Apache POI) would take, and it
 * has no transitive dependencies. Instants are written as UTC date-times with a date format, so a spreadsheet sorts
 * and filters them as dates.
 */
public final class XlsxSpreadsheetWriter implements SpreadsheetWriter {

    private static final String APPLICATION = "Mentorium";
    private static final String DATE_TIME = "yyyy-mm-dd hh:mm:ss";

    @Override
    public String extension() {
        return "xlsx";
    }

    @Override
    public byte[] write(List<Sheet> sheets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, APPLICATION, "1.0");
            for (Sheet sheet : sheets) {
                Worksheet worksheet = workbook.newWorksheet(sheetName(sheet.name()));
                for (int column = 0; column < sheet.header().size(); column++) {
                    worksheet.value(0, column, sheet.header().get(column));
                    worksheet.style(0, column).bold().set();
                }
                int row = 1;
                for (List<Object> cells : sheet.rows()) {
                    for (int column = 0; column < cells.size(); column++) {
                        cell(worksheet, row, column, cells.get(column));
                    }
                    row++;
                }
                worksheet.finish();
            }
            workbook.finish();
        } catch (IOException e) {
            // Writing to memory: only a bug gets here.
            throw new UncheckedIOException("Could not build a spreadsheet", e);
        }
        return out.toByteArray();
    }

    private static void cell(Worksheet worksheet, int row, int column, Object value) {
        switch (value) {
            case null -> {
            }
            case String text -> worksheet.value(row, column, text);
            case Number number -> worksheet.value(row, column, number);
            case Boolean flag -> worksheet.value(row, column, flag);
            case Instant instant -> {
                worksheet.value(row, column, instant.atOffset(ZoneOffset.UTC).toLocalDateTime());
                worksheet.style(row, column).format(DATE_TIME).set();
            }
            default -> worksheet.value(row, column, value.toString());
        }
    }

    /** Excel's rules: at most 31 characters, none of {@code []:*?/\}. */
    private static String sheetName(String name) {
        String clean = name.replaceAll("[\\[\\]:*?/\\\\]", "_");
        return clean.isEmpty() ? "Sheet" : clean.substring(0, Math.min(31, clean.length()));
    }
}
