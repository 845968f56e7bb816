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
import io.wanjia.reporting.service.Reports.Monthly;
import io.wanjia.reporting.service.Reports.Summary;

/** A summary and its breakdown as CSV (UTF-8 with BOM, so spreadsheet programs read Chinese) or XLSX. */
@ApplicationScoped
public class Exports {

    /** The summary's table: a header row, the total, then a row per area one level down. */
    List<List<Object>> table(Summary summary, String language) {
        List<Reports.Row> rows = new ArrayList<>(List.of(summary.total()));
        rows.addAll(summary.breakdown());
        return table(rows, language);
    }

    /** A header row, then one row per area. */
    private static List<List<Object>> table(List<Reports.Row> areas, String language) {
        List<List<Object>> rows = new ArrayList<>();
        List<Object> header = new ArrayList<>(List.of("en".equals(language) ? "Area code" : "区划代码", "en".equals(language) ? "Area" : "地区"));
        for (Figure figure : Figure.values()) {
            header.add(figure.header(language));
        }
        rows.add(header);
        areas.forEach(r -> rows.add(row(r)));
        return rows;
    }

    /** The monthly table (月报): the total, each city's subtotal and its districts; the title and as-of date after it. */
    public byte[] csv(Monthly monthly, String language) {
        return csv(table(monthly.rows(), language), monthlyNote(monthly, language));
    }

    /** {@link #csv(Monthly, String)} as XLSX. */
    public byte[] xlsx(Monthly monthly, String language) {
        return xlsx(table(monthly.rows(), language), "en".equals(language) ? "Monthly " + monthly.month() : monthly.month() + " 月报",
                monthlyNote(monthly, language));
    }

    private static String monthlyNote(Monthly monthly, String language) {
        return "en".equals(language)
                ? "Zero-employment households: monthly report, " + monthly.name() + ", " + monthly.from() + " – " + monthly.to()
                        + "; households and open cases as of " + monthly.asOf() + "; read model generation " + monthly.generation()
                : "零就业家庭就业援助月报 " + monthly.name() + " 统计期 " + monthly.from() + " – " + monthly.to() + "，户数与在办案例截至 "
                        + monthly.asOf() + "，读模型第 " + monthly.generation() + " 代";
    }

    private static List<Object> row(Reports.Row row) {
        List<Object> cells = new ArrayList<>(List.of(row.area(), row.name()));
        for (Figure figure : Figure.values()) {
            cells.add(row.figures().get(figure.key()));
        }
        return cells;
    }

    public byte[] csv(Summary summary, String language) {
        return csv(table(summary, language), null);
    }

    private static byte[] csv(List<List<Object>> table, String note) {
        StringBuilder csv = new StringBuilder("\uFEFF");
        for (List<Object> row : table) {
            csv.append(String.join(",", row.stream().map(Exports::csvCell).toList())).append("\r\n");
        }
        if (note != null) {
            csv.append("\r\n").append(csvCell(note)).append("\r\n");
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
        return xlsx(table(summary, language), "en".equals(language) ? "Summary" : "汇总",
                ("en".equals(language) ? "Period " : "统计期 ") + summary.from() + " – " + summary.to());
    }

    private static byte[] xlsx(List<List<Object>> table, String sheetName, String note) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(sheetName);
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
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
            sheet.createRow(table.size() + 1).createCell(0).setCellValue(note);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
