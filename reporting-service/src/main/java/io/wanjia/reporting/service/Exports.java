package io.wanjia.reporting.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import io.wanjia.reporting.domain.Figure;
import io.wanjia.reporting.service.Reports.Summary;

/** A summary and its breakdown as CSV (UTF-8 with BOM, so spreadsheet programs read Chinese) or XLSX. */
@ApplicationScoped
public class Exports {

    /** The table: a header row, the total, then a row per area one level down. */
    List<List<Object>> table(Summary summary, String language) {
        List<List<Object>> rows = new ArrayList<>();
        List<Object> header = new ArrayList<>(List.of("en".equals(language) ? "Area code" : "区划代码", "en".equals(language) ? "Area" : "地区"));
        for (Figure figure : Figure.values()) {
            header.add(figure.header(language));
        }
        rows.add(header);
        rows.add(row(summary.total()));
        summary.breakdown().forEach(r -> rows.add(row(r)));
        return rows;
    }

    private static List<Object> row(Reports.Row row) {
        List<Object> cells = new ArrayList<>(List.of(row.area(), row.name()));
        for (Figure figure : Figure.values()) {
            cells.add(row.figures().get(figure.key()));
        }
        return cells;
    }

    public byte[] csv(Summary summary, String language) {
        StringBuilder csv = new StringBuilder("\uFEFF");
        for (List<Object> row : table(summary, language)) {
            csv.append(String.join(",", row.stream().map(Exports::csvCell).toList())).append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String csvCell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        return text.contains(",") || text.contains("\"") || text.contains("\n") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    public byte[] xlsx(Summary summary, String language) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("en".equals(language) ? "Summary" : "汇总");
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            List<List<Object>> table = table(summary, language);
            for (int r = 0; r < table.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < table.get(r).size(); c++) {
                    Object value = table.get(r).get(c);
                    Cell cell = row.createCell(c);
                    if (value instanceof Number number) {
                        cell.setCellValue(number.doubleValue());
                    } else if (value != null) {
                        cell.setCellValue(value.toString());
                    }
                    if (r <= 1) {
                        cell.setCellStyle(bold);
                    }
                }
            }
            Row period = sheet.createRow(table.size() + 1);
            period.createCell(0).setCellValue(("en".equals(language) ? "Period " : "统计期 ") + summary.from() + " – " + summary.to());
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
