package io.wanjia.household.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wanjia.household.LedgerImport.Format;
import io.wanjia.household.domain.LedgerColumn;
import io.wanjia.household.domain.LedgerHeader;

/** Ledger files read row by row: CSV quoting, byte-order mark and GB18030; XLSX through the SAX reader; the template. */
class LedgerFileTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadQuotedCsvFieldsAndSkipAByteOrderMark() throws IOException {
        Path file = dir.resolve("ledger.csv");
        Files.writeString(file, "\uFEFF户编号,住址\r\nH1,\"民主街12号, 3单元\"\r\nH2,\"说 \"\"老\"\" 楼\n二层\"\n", StandardCharsets.UTF_8);
        assertThat(rows(file, Format.CSV, StandardCharsets.UTF_8)).containsExactly(
                List.of("户编号", "住址"), List.of("H1", "民主街12号, 3单元"), List.of("H2", "说 \"老\" 楼\n二层"));
    }

    @Test
    void shouldReadACsvSavedInGb18030() throws IOException {
        Path file = dir.resolve("ledger.csv");
        Files.writeString(file, "户编号,姓名\nH1,王建国\n", Charset.forName("GB18030"));
        assertThat(rows(file, Format.CSV, Charset.forName("GB18030"))).containsExactly(List.of("户编号", "姓名"), List.of("H1", "王建国"));
    }

    @Test
    void shouldReadAnXlsxSheetWithGapsAndDatesAsIsoDates() throws IOException {
        Path file = dir.resolve("ledger.xlsx");
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("台账");
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("户编号");
            header.createCell(2).setCellValue("出生日期");
            Row row = sheet.createRow(2); // a blank row 2 in between
            row.createCell(0).setCellValue("H1");
            var date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("m/d/yy"));
            row.createCell(2).setCellValue(java.time.LocalDate.of(1980, 5, 17));
            row.getCell(2).setCellStyle(date);
            workbook.write(out);
        }
        List<Long> numbers = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        LedgerFile.read(file, Format.XLSX, StandardCharsets.UTF_8, (n, cells) -> numbers.add(n) && rows.add(cells));
        assertThat(numbers).containsExactly(1L, 3L);
        assertThat(rows.get(1)).containsExactly("H1", "", "1980-05-17");
    }

    @Test
    void shouldWriteATemplateWhoseHeaderIsTheLedgersAndWhoseGuideNamesEveryLabel() throws IOException {
        Path file = dir.resolve("template.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            LedgerWorkbooks.template(out);
        }
        List<List<String>> rows = rows(file, Format.XLSX, StandardCharsets.UTF_8);
        assertThat(rows).hasSize(1);
        assertThat(LedgerHeader.of(rows.get(0)).columns()).hasSize(LedgerColumn.values().length);
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(file.toFile())) {
            Sheet guide = workbook.getSheet(LedgerWorkbooks.GUIDE_SHEET);
            String relation = guide.getRow(LedgerColumn.RELATION.ordinal() + 1).getCell(4).getStringCellValue();
            assertThat(relation).contains("户主 (HEAD)", "孙子女 (GRANDCHILD)");
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new IOException(e);
        }
    }

    private static List<List<String>> rows(Path file, Format format, Charset charset) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        LedgerFile.read(file, format, charset, (n, cells) -> rows.add(cells));
        return rows;
    }
}
