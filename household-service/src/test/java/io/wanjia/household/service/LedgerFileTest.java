package io.wanjia.household.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wanjia.household.LedgerImport.Format;
import io.wanjia.household.domain.LedgerColumn;
import io.wanjia.household.domain.LedgerFormatException;
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

    /** A CSV row that is neither UTF-8 nor GB18030 is named (the POST's 400 when it is the header, the job's failure below it; it was a 500). */
    @Test
    void shouldRefuseACsvThatIsNotTextInItsEncodingNamingTheRow() throws IOException {
        Path file = dir.resolve("ledger.csv");
        byte[] header = "户编号,姓名\r\nH1,王五\r\n".getBytes(Charset.forName("GB18030"));
        byte[] stray = {'H', '2', ',', (byte) 0xFF, (byte) 0x80, '\r', '\n'};
        Files.write(file, ByteBuffer.allocate(header.length + stray.length).put(header).put(stray).array());
        assertThatThrownBy(() -> rows(file, Format.CSV, Charset.forName("GB18030"))).isInstanceOf(LedgerFormatException.class)
                .hasMessageContaining("row 3 is neither UTF-8 nor GB18030")
                .extracting(e -> ((LedgerFormatException) e).rule()).isEqualTo("encoding");
    }

    /**
     * What a city's workbook holds besides plain cells: a hidden sheet listed first (an old ledger kept out of sight: it
     * was read instead of the one shown), a formula that failed (it read "ERROR:#N/A" and registered that as a name), a date
     * in a Chinese built-in format (ids 31 and 57, 2024年3月1日: it read as the number 45352), the 1904 date system of an old
     * Mac workbook (every date read four years and a day early), and a date cell holding 0, which is no date (it read as
     * 1899-12-31 in a 1900 workbook and would read as 1904-01-01 here).
     */
    @Test
    void shouldReadTheSheetAPersonSeesAsTheyWouldSeeIt() throws IOException {
        Path file = dir.resolve("ledger.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            var workbookPr = workbook.getCTWorkbook();
            (workbookPr.isSetWorkbookPr() ? workbookPr.getWorkbookPr() : workbookPr.addNewWorkbookPr()).setDate1904(true);
            workbook.createSheet("旧台账").createRow(0).createCell(0).setCellValue("OLD");
            workbook.setSheetHidden(0, true);
            Sheet sheet = workbook.createSheet("台账");
            workbook.setActiveSheet(1);
            sheet.createRow(0).createCell(0).setCellValue("户编号");
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("H1");
            row.createCell(1).setCellErrorValue(FormulaError.NA.getCode());
            var isoDate = workbook.createCellStyle();
            isoDate.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            row.createCell(2).setCellValue(LocalDate.of(1980, 5, 17));
            row.getCell(2).setCellStyle(isoDate);
            row.createCell(3).setCellValue(0); // a date cell holding 0: a formula pointing at an empty cell
            row.getCell(3).setCellStyle(isoDate);
            int column = 4;
            for (short chinese : new short[] {31, 57}) { // POI has a placeholder string for 31 and none for 57
                var chineseDate = workbook.createCellStyle();
                chineseDate.setDataFormat(chinese);
                row.createCell(column).setCellValue(LocalDate.of(2024, 3, 1));
                row.getCell(column++).setCellStyle(chineseDate);
            }
            workbook.write(out);
        }
        assertThat(rows(file, Format.XLSX, StandardCharsets.UTF_8)).containsExactly(List.of("户编号"),
                List.of("H1", "#N/A", "1980-05-17", "0", "2024-03-01", "2024-03-01"));
    }

    /**
     * What the streaming reader holds whole is bounded: the shared texts (4 million distinct ones exhausted the service's
     * heap), each text, and the styles part, of which POI builds a tree.
     */
    @Test
    void shouldRefuseAWorkbookHoldingMoreThanItsReadingMayKeep() throws IOException {
        Path file = dir.resolve("ledger.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Row row = workbook.createSheet("台账").createRow(0);
            for (int i = 0; i < 6; i++) {
                row.createCell(i).setCellValue("text " + i); // 6 characters each, 36 in all
            }
            workbook.write(out);
        }
        LedgerFile.Bounds enough = new LedgerFile.Bounds(6, 36, 6, 64 * 1024);
        assertThat(rowsWithin(file, enough)).hasSize(1);
        assertThat(List.of(new LedgerFile.Bounds(5, 36, 6, 64 * 1024), new LedgerFile.Bounds(6, 35, 6, 64 * 1024),
                new LedgerFile.Bounds(6, 36, 5, 64 * 1024))).allSatisfy(tooFew -> assertThatThrownBy(() -> rowsWithin(file, tooFew))
                        .isInstanceOf(LedgerFormatException.class).extracting(e -> ((LedgerFormatException) e).rule()).isEqualTo("xlsx-texts"));
        assertThatThrownBy(() -> rowsWithin(file, new LedgerFile.Bounds(6, 36, 6, 100))).isInstanceOf(LedgerFormatException.class)
                .extracting(e -> ((LedgerFormatException) e).rule()).isEqualTo("xlsx-styles");
    }

    /**
     * A workbook broken inside (here its cells name shared texts the table does not have) fails as unreadable, saying
     * so, not with the reader's own exception (which failed the job as "an unexpected error"); while a failure of what
     * takes the rows passes through as it is, not taken for a broken workbook.
     */
    @Test
    void shouldTellADamagedWorkbookFromAFailureOfWhatTakesItsRows() throws IOException {
        Path file = dir.resolve("ledger.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("台账");
            sheet.createRow(0).createCell(0).setCellValue("户编号");
            sheet.createRow(1).createCell(0).setCellValue("H1");
            workbook.write(out);
        }
        IllegalStateException stop = new IllegalStateException("the database went away");
        assertThatThrownBy(() -> LedgerFile.read(file, Format.XLSX, StandardCharsets.UTF_8, (n, cells) -> {
            if (n == 2) {
                throw stop;
            }
            return true;
        })).isSameAs(stop);

        Path damaged = rewritten(file, dir.resolve("damaged.xlsx"), "xl/sharedStrings.xml", "<si><t>户编号</t></si><si><t>H1</t></si>", "");
        assertThatThrownBy(() -> rows(damaged, Format.XLSX, StandardCharsets.UTF_8)).isInstanceOf(LedgerFormatException.class)
                .hasMessageContaining("damaged").extracting(e -> ((LedgerFormatException) e).rule()).isEqualTo("xlsx");
        // A cell past the last column (XFD) would have its row padded to it.
        Path farOut = rewritten(file, dir.resolve("far.xlsx"), "xl/worksheets/sheet1.xml", "r=\"A2\"", "r=\"AAAA2\"");
        assertThatThrownBy(() -> rows(farOut, Format.XLSX, StandardCharsets.UTF_8)).isInstanceOf(LedgerFormatException.class)
                .hasMessageContaining("beyond its last column");
    }

    private static List<List<String>> rowsWithin(Path file, LedgerFile.Bounds bounds) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        LedgerFile.read(file, Format.XLSX, StandardCharsets.UTF_8, bounds, (n, cells) -> rows.add(cells));
        return rows;
    }

    /** {@code file} with {@code from} replaced by {@code to} in its part {@code name}, as {@code copy}. */
    private static Path rewritten(Path file, Path copy, String name, String from, String to) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(file)); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                byte[] bytes = in.readAllBytes();
                out.write(entry.getName().equals(name) ? new String(bytes, StandardCharsets.UTF_8).replace(from, to).getBytes(StandardCharsets.UTF_8)
                        : bytes);
                out.closeEntry();
            }
        }
        return copy;
    }

    private static List<List<String>> rows(Path file, Format format, Charset charset) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        LedgerFile.read(file, format, charset, (n, cells) -> rows.add(cells));
        return rows;
    }
}
