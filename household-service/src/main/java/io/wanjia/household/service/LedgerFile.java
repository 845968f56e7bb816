package io.wanjia.household.service;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipException;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.NumberToTextConverter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

import io.wanjia.household.LedgerImport.Format;
import io.wanjia.household.domain.LedgerFormatException;

/**
 * Reads a ledger file row by row without holding it: a CSV line by line (RFC 4180 quoting, UTF-8 with or without a
 * byte-order mark, or GB18030 as Chinese Excel saves it), an XLSX's first visible sheet through POI's SAX event reader
 * (never a whole sheet in memory). What the reader does hold whole is bounded ({@link Bounds}): the shared-strings table
 * (the file's distinct texts) and the styles part; POI reads the package's small bookkeeping parts (relationships,
 * content types) whole as it opens the file. Rows are numbered as a spreadsheet shows them, the header being row 1. A
 * cell holding a spreadsheet error reads as the error's text ({@code #N/A}), as Excel writes it into a CSV.
 */
public final class LedgerFile {

    /**
     * What an XLSX's reading may hold whole. {@code sharedTexts}: the most distinct texts its shared-strings table may
     * hold (a ledger of 100,000 members has ~300,000: names, ID numbers, addresses; a workbook of 4 million exhausted the
     * service's 192 MB heap); {@code sharedCharacters}: the most characters those texts hold together (at the bounds,
     * ~20 MB of strings and ~24 MB of Chinese characters); {@code textCharacters}: the most one text holds (Excel's own
     * limit for a cell); {@code stylesBytes}: the most bytes the styles part may have, of which POI builds a tree (Excel's
     * own run to tens of KB).
     */
    record Bounds(int sharedTexts, long sharedCharacters, int textCharacters, int stylesBytes) {
        static final Bounds DEFAULT = new Bounds(500_000, 12_000_000, 32_767, 4 * 1024 * 1024);
    }

    /** The last column a sheet may have (XFD): a cell reference past it would have the row padded to it. */
    private static final int LAST_COLUMN = 16_383;

    /** Takes the rows as they are read; returns false to stop reading. */
    @FunctionalInterface
    public interface RowSink {
        boolean row(long number, List<String> cells);
    }

    private LedgerFile() {
    }

    /** Feeds every row of {@code file} to {@code sink}, in order, until the file ends or the sink says stop. */
    public static void read(Path file, Format format, Charset charset, RowSink sink) throws IOException {
        read(file, format, charset, Bounds.DEFAULT, sink);
    }

    /** {@link #read(Path, Format, Charset, RowSink)} within other bounds (for tests). */
    static void read(Path file, Format format, Charset charset, Bounds bounds, RowSink sink) throws IOException {
        if (format == Format.CSV) {
            readCsv(file, charset, sink);
        } else {
            readXlsx(file, bounds, sink);
        }
    }

    private static void readCsv(Path file, Charset charset, RowSink sink) throws IOException {
        // Bytes that are no text in the charset read as U+FFFD, so that the row they stand in can be named (a decoder that
        // throws does so wherever its read-ahead is, thousands of rows early).
        var decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            CsvRecords records = new CsvRecords(reader);
            long number = 0;
            List<String> record;
            while ((record = records.next()) != null) {
                number++;
                if (record.stream().anyMatch(field -> field.indexOf('\uFFFD') >= 0)) {
                    throw new LedgerFormatException("file", "encoding", "row " + number + " is neither UTF-8 nor GB18030 text (a file"
                            + " saved as Unicode text, for one): save the ledger as CSV UTF-8 or as XLSX");
                }
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

    private static void readXlsx(Path file, Bounds bounds, RowSink sink) throws IOException {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            Workbook workbook = Workbook.read(reader);
            SharedTexts strings = SharedTexts.of(pkg, bounds);
            StylesTable styles = styles(pkg, bounds.stylesBytes());
            try (InputStream sheet = reader.getSheet(workbook.firstVisibleSheet())) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(styles, strings, new Rows(sink), new IsoDates(workbook.date1904()), false));
                parser.parse(new InputSource(sheet));
            } catch (StopUnchecked stop) {
                // the sink had enough
            }
        } catch (SinkFailure failure) {
            throw failure.getCause();
        } catch (SAXException e) {
            if (e.getException() instanceof LedgerFormatException refused) {
                throw refused;
            }
            throw new LedgerFormatException("file", "xlsx", "the file is not a readable XLSX workbook", e);
        } catch (OpenXML4JException | POIXMLException | NotOfficeXmlFileException e) {
            throw new LedgerFormatException("file", "xlsx", "the file is not a readable XLSX workbook", e);
        } catch (ZipException | EOFException e) {
            throw new LedgerFormatException("file", "xlsx", "the workbook is damaged (its compressed parts end early or do not unpack):"
                    + " open it in Excel or WPS and save it again", e);
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("Zip bomb")) { // POI's ZipArchiveThresholdInputStream says no more
                throw new LedgerFormatException("file", "xlsx", "the workbook unpacks to far more than its size (a zip bomb?): it is"
                        + " not read", e);
            }
            throw e;
        } catch (LedgerFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            // the reader's own failure on a broken part (a shared text that is not there, a cell it cannot take), not the sink's
            throw new LedgerFormatException("file", "xlsx", "the workbook is damaged and cannot be read to its end: open it in Excel or "
                    + "WPS and save it again", e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The workbook's styles (for which cells are dates), read through a bound: POI builds a tree of the part, and a
     * styles part of a million entries would take the heap as the shared strings did. None: the workbook's cells are
     * shown as they are.
     */
    private static StylesTable styles(OPCPackage pkg, int maxBytes) throws IOException {
        var parts = pkg.getPartsByContentType(XSSFRelation.STYLES.getContentType());
        if (parts.isEmpty()) {
            return null;
        }
        try (InputStream in = new Bounded(parts.get(0).getInputStream(), maxBytes)) {
            return IsoDates.named(new StylesTable(in));
        }
    }

    /** An input stream that refuses to give more than {@code max} bytes. */
    private static final class Bounded extends FilterInputStream {
        private final long max;
        private long read;

        Bounded(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw new LedgerFormatException("file", "xlsx-styles", String.format(Locale.ROOT, "the workbook's styles part is larger than"
                        + " the import reads (%,d bytes): open it in Excel or WPS, clear unused cell styles and save it again", max));
            }
        }
    }

    /**
     * What the workbook part says about its sheets: which is the first one a person sees (a hidden sheet listed first,
     * an old ledger kept out of sight, is not it) and whether its dates count from 1904 (Excel for Mac's old default).
     */
    private record Workbook(String firstVisibleSheet, boolean date1904) {

        static Workbook read(XSSFReader reader) throws IOException, OpenXML4JException, SAXException {
            String[] first = new String[1];
            boolean[] date1904 = new boolean[1];
            try (InputStream in = reader.getWorkbookData()) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new DefaultHandler() {
                    @Override
                    public void startElement(String uri, String localName, String qName, Attributes attributes) {
                        if ("workbookPr".equals(localName)) {
                            String value = attributes.getValue("date1904");
                            date1904[0] = "1".equals(value) || "true".equals(value);
                        } else if ("sheet".equals(localName) && first[0] == null) {
                            String state = attributes.getValue("state");
                            if (state == null || "visible".equals(state)) {
                                first[0] = attributes.getValue("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id");
                            }
                        }
                    }
                });
                parser.parse(new InputSource(in));
            } catch (ParserConfigurationException e) {
                throw new IllegalStateException(e);
            }
            if (first[0] == null) {
                throw new LedgerFormatException("file", "xlsx", "the workbook has no visible sheet");
            }
            return new Workbook(first[0], date1904[0]);
        }
    }

    /** POI's shared-strings table, refusing a workbook whose distinct texts would not fit the service's memory. */
    private static final class SharedTexts extends ReadOnlySharedStringsTable {
        private final Bounds bounds;
        private int texts;
        private long charactersRead;
        private int charactersOfThisText;

        private SharedTexts(Bounds bounds) throws IOException, SAXException {
            super(InputStream.nullInputStream()); // parses nothing: the part is read below, once the bounds are set
            this.bounds = bounds;
        }

        static SharedTexts of(OPCPackage pkg, Bounds bounds) throws IOException, SAXException {
            SharedTexts table = new SharedTexts(bounds);
            var parts = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
            if (!parts.isEmpty()) {
                try (InputStream in = parts.get(0).getInputStream()) {
                    table.readFrom(in);
                }
            }
            return table;
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            charactersRead += length;
            charactersOfThisText += length;
            if (charactersRead > bounds.sharedCharacters() || charactersOfThisText > bounds.textCharacters()) {
                throw tooMany();
            }
            super.characters(ch, start, length);
        }

        @Override
        public void endElement(String uri, String localName, String name) throws SAXException {
            super.endElement(uri, localName, name);
            if ("si".equals(localName)) {
                charactersOfThisText = 0;
                if (++texts > bounds.sharedTexts()) {
                    throw tooMany();
                }
            }
        }

        private LedgerFormatException tooMany() {
            return new LedgerFormatException("file", "xlsx-texts", String.format(Locale.ROOT, "the workbook holds more text than the"
                    + " import reads at once (at most %,d distinct texts of %,d characters in all, %,d in one): split the ledger into"
                    + " files of at most 100,000 rows, or save it as CSV", bounds.sharedTexts(), bounds.sharedCharacters(),
                    bounds.textCharacters()));
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
            boolean more;
            try {
                more = sink.row(rowNum + 1L, List.copyOf(cells));
            } catch (RuntimeException e) {
                throw new SinkFailure(e);
            }
            if (!more) {
                throw new StopUnchecked();
            }
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            if (column > LAST_COLUMN) {
                throw new LedgerFormatException("file", "xlsx", "the sheet has a cell beyond its last column (XFD): open it in Excel or"
                        + " WPS and save it again");
            }
            while (cells.size() < column) {
                cells.add("");
            }
            String value = formattedValue == null ? "" : formattedValue;
            // POI gives an error cell (or a formula's cached error) as "ERROR:#N/A"; a CSV saved by Excel holds "#N/A"
            cells.add(value.startsWith("ERROR:#") ? value.substring("ERROR:".length()) : value);
        }
    }

    /** Stops the parse from a row callback, which may not throw a checked exception. */
    private static final class StopUnchecked extends RuntimeException {
        StopUnchecked() {
            super("stop", null, false, false);
        }
    }

    /** Carries the sink's own failure through the parser, so that it is not taken for a damaged workbook. */
    private static final class SinkFailure extends RuntimeException {
        SinkFailure(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }

    /**
     * Formats date cells as ISO dates (2024-03-01), whatever display format the sheet gave them, counting from 1900 or
     * from 1904 as the workbook says; the rest as shown. A date cell holding 0 (a formula pointing at an empty cell) is
     * no date: it reads as its number.
     */
    private static final class IsoDates extends DataFormatter {
        /**
         * The built-in date formats of zh-CN (ECMA-376 part 1, 18.8.30: 2024年3月1日 and the like in Chinese Excel and WPS),
         * which workbooks use without writing a format string for them; their neighbours 32–35, 55 and 56 are times of day.
         */
        private static final Set<Integer> CHINESE_DATES = Set.of(27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58);
        private final boolean date1904;

        IsoDates(boolean date1904) {
            this.date1904 = date1904;
        }

        /**
         * {@code styles}, with a date format string for each zh-CN built-in date format the workbook does not define
         * itself: POI has none for them (a placeholder for 27–36, nothing for 50–58, whose cells its reader then hands
         * over as bare numbers), so their dates read as the day's number, 45352.
         */
        static StylesTable named(StylesTable styles) {
            for (int id : CHINESE_DATES) {
                if (styles.getNumberFormatAt((short) id) == null) {
                    styles.putNumberFormat((short) id, "yyyy-mm-dd");
                }
            }
            return styles;
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            if (DateUtil.isADateFormat(formatIndex, formatString)) {
                return value >= 1 && DateUtil.isValidExcelDate(value) ? DateUtil.getLocalDateTime(value, date1904).toLocalDate().toString()
                        : NumberToTextConverter.toText(value);
            }
            return super.formatRawCellContents(value, formatIndex, formatString, date1904);
        }
    }
}
