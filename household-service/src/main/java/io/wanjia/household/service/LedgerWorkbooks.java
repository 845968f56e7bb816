package io.wanjia.household.service;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import io.wanjia.household.domain.LedgerColumn;
import io.wanjia.household.domain.LedgerError;

/**
 * The spreadsheets of the ledger import: the template a city fills in (its headers, and a second sheet that says what
 * each column takes), and a job's error report (row, column, rule, message), as XLSX or CSV. Reports are written row
 * by row (SXSSF), never built whole.
 */
public final class LedgerWorkbooks {

    /** The template's first sheet, the ledger itself. */
    public static final String LEDGER_SHEET = "台账";
    /** The second sheet: what each column takes. */
    public static final String GUIDE_SHEET = "填写说明";
    private static final List<String> ERROR_HEADERS = List.of("行号", "列", "规则", "说明");

    private LedgerWorkbooks() {
    }

    /** Writes the empty template: the headers on the first sheet, the columns explained on the second. */
    public static void template(OutputStream out) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            CellStyle bold = boldStyle(workbook);
            CellStyle text = workbook.createCellStyle();
            text.setDataFormat(workbook.createDataFormat().getFormat("@"));
            Sheet ledger = workbook.createSheet(LEDGER_SHEET);
            Row headers = ledger.createRow(0);
            LedgerColumn[] columns = LedgerColumn.values();
            for (int i = 0; i < columns.length; i++) {
                headers.createCell(i).setCellValue(columns[i].chinese());
                headers.getCell(i).setCellStyle(bold);
                // Numbers typed into a text column stay as typed: an 18-digit ID would otherwise lose its last digits.
                ledger.setDefaultColumnStyle(i, text);
                ledger.setColumnWidth(i, columns[i] == LedgerColumn.NATIONAL_ID || columns[i] == LedgerColumn.ADDRESS ? 24 * 256 : 14 * 256);
            }
            ledger.createFreezePane(0, 1);

            Sheet guide = workbook.createSheet(GUIDE_SHEET);
            String[] titles = {"列", "字段名 (也可作列名)", "属于", "必填", "可填的值", "说明"};
            Row top = guide.createRow(0);
            for (int i = 0; i < titles.length; i++) {
                top.createCell(i).setCellValue(titles[i]);
                top.getCell(i).setCellStyle(bold);
            }
            for (int i = 0; i < columns.length; i++) {
                LedgerColumn column = columns[i];
                Row row = guide.createRow(i + 1);
                row.createCell(0).setCellValue(column.chinese());
                row.createCell(1).setCellValue(column.field());
                row.createCell(2).setCellValue(column.householdLevel() ? "户" : "成员");
                row.createCell(3).setCellValue(column.required() ? "是" : "否");
                row.createCell(4).setCellValue(values(column));
                row.createCell(5).setCellValue(NOTES.getOrDefault(column, ""));
            }
            guide.setColumnWidth(0, 14 * 256);
            guide.setColumnWidth(1, 22 * 256);
            guide.setColumnWidth(4, 60 * 256);
            guide.setColumnWidth(5, 70 * 256);
            workbook.write(out);
        }
    }

    private static final Map<LedgerColumn, String> NOTES = Map.ofEntries(
            Map.entry(LedgerColumn.HOUSEHOLD_REF, "台账自己的户编号：同一户的各行编号相同且相邻；户的各列取该户第一行，其余行可留空，填写则须一致"),
            Map.entry(LedgerColumn.DISTRICT_CODE, "6位行政区划代码 (GB/T 2260)，须在本人辖区内"),
            Map.entry(LedgerColumn.COHORT, "留空为一般"),
            Map.entry(LedgerColumn.MOVED_BACK_ON, "仅棚改回迁户填写，不晚于今天"),
            Map.entry(LedgerColumn.NATIONAL_ID, "18位，校验码须正确；出生日期和性别以此为准"),
            Map.entry(LedgerColumn.BIRTH_DATE, "可留空；填写则须与身份证号一致"),
            Map.entry(LedgerColumn.GENDER, "可留空；填写则须与身份证号一致"),
            Map.entry(LedgerColumn.SKILLS, "多项用顿号或逗号分隔，每项不超过40字"),
            Map.entry(LedgerColumn.STATUS_SINCE, "当前就业状况开始的日期；不详可留空"),
            Map.entry(LedgerColumn.BUSINESS_INCOME, "有无经营性或投资性收入；留空为否"),
            Map.entry(LedgerColumn.MINIMUM_LIVING_ALLOWANCE, "是否享受城市居民最低生活保障；留空为否"),
            Map.entry(LedgerColumn.GRADUATED_ON, "大中专毕业生的毕业日期；不晚于今天，晚于出生日期；其他成员留空"));

    private static String values(LedgerColumn column) {
        if (!column.labels().isEmpty()) {
            return column.labels().entrySet().stream().map(e -> e.getKey() + " (" + e.getValue().name() + ")")
                    .collect(Collectors.joining("、"));
        }
        return switch (column) {
            case WILLING_TO_WORK, BUSINESS_INCOME, MINIMUM_LIVING_ALLOWANCE -> "是、否 (true、false)";
            case MOVED_BACK_ON, BIRTH_DATE, STATUS_SINCE, GRADUATED_ON -> "日期，如 2024-03-01、2024/3/1、20240301、2024年3月1日";
            default -> "";
        };
    }

    /** Writes an error report as XLSX; {@code total} beyond the lines given is said in a last line. */
    public static void errorsXlsx(Consumer<Consumer<LedgerError>> lines, long total, long shown, OutputStream out) throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(200);
        try {
            CellStyle bold = boldStyle(workbook);
            Sheet sheet = workbook.createSheet("错误");
            Row top = sheet.createRow(0);
            for (int i = 0; i < ERROR_HEADERS.size(); i++) {
                top.createCell(i).setCellValue(ERROR_HEADERS.get(i));
                top.getCell(i).setCellStyle(bold);
            }
            int[] next = {1};
            lines.accept(error -> {
                Row row = sheet.createRow(next[0]++);
                row.createCell(0).setCellValue(error.row());
                row.createCell(1).setCellValue(error.column() == null ? "" : error.column());
                row.createCell(2).setCellValue(error.rule());
                row.createCell(3).setCellValue(error.message());
            });
            if (total > shown) {
                sheet.createRow(next[0]).createCell(3).setCellValue(truncation(total, shown));
            }
            sheet.setColumnWidth(1, 16 * 256);
            sheet.setColumnWidth(2, 22 * 256);
            sheet.setColumnWidth(3, 70 * 256);
            workbook.write(out);
        } finally {
            workbook.close();
        }
    }

    /** Writes an error report as CSV (UTF-8 with a byte-order mark, so Excel shows the Chinese). */
    public static void errorsCsv(Consumer<Consumer<LedgerError>> lines, long total, long shown, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        writer.write("row,column,rule,message\r\n");
        lines.accept(error -> {
            try {
                writer.write(error.row() + "," + csv(error.column()) + "," + csv(error.rule()) + "," + csv(error.message()) + "\r\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        if (total > shown) {
            writer.write(",,," + csv(truncation(total, shown)) + "\r\n");
        }
        writer.flush();
    }

    private static String truncation(long total, long shown) {
        return "仅列出前 " + shown + " 条，共 " + total + " 条 (only the first " + shown + " of " + total + " errors are listed)";
    }

    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        return value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n') ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static CellStyle boldStyle(Workbook workbook) {
        Font font = workbook.createFont();
        font.setBold(true);
        CellStyle style = workbook.createCellStyle();
        style.setFont(font);
        return style;
    }
}
