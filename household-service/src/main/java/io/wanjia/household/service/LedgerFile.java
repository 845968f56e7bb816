package io.wanjia.household.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import io.wanjia.household.LedgerImport.Format;
import io.wanjia.household.domain.LedgerFormatException;

/**
 * Reads a ledger file row by row without holding it: a CSV line by line (RFC 4180 quoting, UTF-8 with or without a
 * byte-order mark, or GB18030 as Chinese Excel saves it), an XLSX's first sheet through POI's SAX event reader (never a
 * whole workbook in memory; only its shared-strings table, as every streaming reader of the format keeps). Rows are
 * numbered as a spreadsheet shows them, the header being row 1.
 */
public final class LedgerFile {

    /** Takes the rows as they are read; returns false to stop reading. */
    @FunctionalInterface
    public interface RowSink {
        boolean row(long number, List<String> cells);
    }

    private LedgerFile() {
    }

    /** Feeds every row of {@code file} to {@code sink}, in order, until the file ends or the sink says stop. */
    public static void read(Path file, Format format, Charset charset, RowSink sink) throws IOException {
        if (format == Format.CSV) {
            readCsv(file, charset, sink);
        } else {
            readXlsx(file, sink);
        }
    }

    private static void readCsv(Path file, Charset charset, RowSink sink) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, charset)) {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            CsvRecords records = new CsvRecords(reader);
            long number = 0;
            List<String> record;
            while ((record = records.next()) != null) {
                number++;
                if (!sink.row(number, record)) {
                    return;
                }
            }
        }
    }

    /** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
    private static final class CsvRecords {
        private final Reader in;
        private int pending = -2;

        CsvRecords(Reader in) {
            this.in = in;
        }

        List<String> next() throws IOException {
            int c = read();
            if (c == -1) {
                return null;
            }
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            while (true) {
                if (quoted) {
                    if (c == -1) {
                        throw new LedgerFormatException("file", "csv", "a quoted field is not closed before the file ends");
                    }
                    if (c == '"') {
                        int following = read();
                        if (following == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            c = following;
                            continue;
                        }
                    } else {
                        field.append((char) c);
                    }
                } else if (c == '"' && field.isEmpty()) {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c == '\r' || c == '\n' || c == -1) {
                    if (c == '\r') {
                        int following = read();
                        if (following != '\n') {
                            pending = following;
                        }
                    }
                    fields.add(field.toString());
                    return fields;
                } else {
                    field.append((char) c);
                }
                c = read();
            }
        }

        private int read() throws IOException {
            if (pending != -2) {
                int c = pending;
                pending = -2;
                return c;
            }
            return in.read();
        }
    }

    private static void readXlsx(Path file, RowSink sink) throws IOException {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            XSSFReader.SheetIterator sheets = reader.getSheetIterator();
            if (!sheets.hasNext()) {
                throw new LedgerFormatException("file", "xlsx", "the workbook has no sheet");
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), strings, new Rows(sink),
                        new IsoDates(), false));
                parser.parse(new InputSource(sheet));
            } catch (StopUnchecked stop) {
                // the sink had enough
            }
        } catch (SAXException | OpenXML4JException | org.apache.poi.ooxml.POIXMLException
                | org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException e) {
            throw new LedgerFormatException("file", "xlsx", "the file is not a readable XLSX workbook");
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Collects one sheet row's cells by their column letters (empty cells are not reported by the reader). */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final RowSink sink;
        private final List<String> cells = new ArrayList<>();

        Rows(RowSink sink) {
            this.sink = sink;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            if (!sink.row(rowNum + 1L, List.copyOf(cells))) {
                throw new StopUnchecked();
            }
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            while (cells.size() < column) {
                cells.add("");
            }
            cells.add(formattedValue == null ? "" : formattedValue);
        }
    }

    /** Stops the parse from a row callback, which may not throw a checked exception. */
    private static final class StopUnchecked extends RuntimeException {
        StopUnchecked() {
            super("stop", null, false, false);
        }
    }

    /** Formats date cells as ISO dates (2024-03-01), whatever display format the sheet gave them; the rest as shown. */
    private static final class IsoDates extends DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value).toLocalDate().toString();
            }
            return super.formatRawCellContents(value, formatIndex, formatString);
        }
    }
}
