package io.wanjia.household.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.wanjia.commons.problem.ProblemException;
import io.wanjia.commons.problem.Redaction;
import io.wanjia.commons.security.AreaScope;
import io.wanjia.household.LedgerImport;
import io.wanjia.household.LedgerImport.Format;
import io.wanjia.household.LedgerImport.Mode;
import io.wanjia.household.LedgerImport.Status;
import io.wanjia.household.config.HouseholdConfig;
import io.wanjia.household.domain.LedgerError;
import io.wanjia.household.domain.LedgerFormatException;
import io.wanjia.household.domain.LedgerHeader;

/**
 * Ledger import jobs (#18): a file is taken to disk (hashed as it is copied), its header checked at once, and the job
 * keyed by the file's SHA-256, the caller's area and the mode, so the same file posted again answers the job it
 * already has. Jobs run one at a time, in the background, as the caller who posted them ({@link LedgerImportRun});
 * an instance that restarts fails the jobs it held (the file and the caller's identity are gone with it).
 */
@ApplicationScoped
public class LedgerImports {

    private static final Logger LOG = Logger.getLogger(LedgerImports.class);
    private static final String INTERRUPTED = "interrupted: the service stopped while the job was waiting or running; post the file again";

    @Inject
    AreaScope scope;
    @Inject
    CurrentIdentityAssociation identities;
    @Inject
    HouseholdConfig config;
    @Inject
    DataSource dataSource;
    @Inject
    LedgerImportRun runs;

    private final Set<UUID> held = ConcurrentHashMap.newKeySet();
    private ExecutorService worker;
    private String runner;
    private Path directory;

    /** A job and whether this call created it (202) or found it (200). */
    public record Submission(LedgerImport job, boolean created) {
    }

    /** A file taken to disk: where, its hash, what it is. */
    record Stored(Path file, String sha256, Format format, Charset charset) {
    }

    @PostConstruct
    void start() {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "ledger-import");
            thread.setDaemon(true);
            return thread;
        });
        runner = hostName();
        directory = Path.of(config.ledgerImport().directory().orElse(System.getProperty("java.io.tmpdir") + "/wanjia-imports"));
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** On start: this instance's unfinished jobs died with its last run. */
    void failOrphans(@Observes StartupEvent start) throws IOException {
        Files.createDirectories(directory);
        QuarkusTransaction.requiringNew().run(() -> LedgerImport.update(
                "status = ?1, failure = ?2, finishedAt = ?3 where status in ?4 and runner = ?5", Status.FAILED, INTERRUPTED,
                Instant.now(), List.of(Status.QUEUED, Status.RUNNING), runner));
    }

    /**
     * Keeps this instance's jobs alive and fails those of an instance that has gone (no heartbeat for two minutes),
     * so a job is never RUNNING for ever.
     */
    @Scheduled(every = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = dataSource.getConnection()) {
                if (!held.isEmpty()) {
                    try (PreparedStatement touch = connection.prepareStatement(
                            "UPDATE ledger_import SET heartbeat_at = now() WHERE id = ANY (CAST(? AS uuid[]))")) {
                        touch.setArray(1, connection.createArrayOf("text", held.stream().map(UUID::toString).toArray()));
                        touch.executeUpdate();
                    }
                }
                try (PreparedStatement stale = connection.prepareStatement("""
                        UPDATE ledger_import SET status = 'FAILED', failure = ?, finished_at = now()
                        WHERE status IN ('QUEUED', 'RUNNING') AND heartbeat_at < now() - interval '2 minutes'""")) {
                    stale.setString(1, INTERRUPTED);
                    stale.executeUpdate();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not keep the import jobs alive", e);
            }
        });
    }

    /**
     * Takes an uploaded file ({@code upload}, which the HTTP layer deletes after the request) for import in
     * {@code mode}: 400 for an empty or unreadable file or a header that is not the template's, 413 above the
     * configured size; the existing job when this area imported this file in this mode already.
     */
    public Submission submit(Path upload, String fileName, Mode mode) throws IOException {
        long size = Files.size(upload);
        long max = config.ledgerImport().maxFileSizeBytes();
        if (size > max) {
            throw new FileTooLarge(config.ledgerImport().maxFileSize().strip());
        }
        if (size == 0) {
            throw ProblemException.invalid("file", "not-empty", "the file is empty");
        }
        requireKnownExtension(fileName);
        String area = scope.area();
        Stored stored = store(upload);
        boolean handedOver = false;
        try {
            checkHeader(stored);
            Optional<LedgerImport> existing = existing(area, stored.sha256(), mode);
            if (existing.isPresent()) {
                return new Submission(existing.get(), false);
            }
            LedgerImport job = new LedgerImport();
            job.id = UUID.randomUUID();
            job.area = area;
            job.fileSha256 = stored.sha256();
            job.fileName = storedName(fileName);
            job.fileFormat = stored.format();
            job.mode = mode;
            job.status = Status.QUEUED;
            job.submittedBy = scope.subject();
            job.submittedAt = Instant.now();
            job.runner = runner;
            try {
                QuarkusTransaction.requiringNew().run(() -> job.persistAndFlush());
            } catch (PersistenceException e) {
                // the same file, posted twice at once: the other post made the job
                return existing(area, stored.sha256(), mode).map(j -> new Submission(j, false)).orElseThrow(() -> e);
            }
            SecurityIdentity caller = identities.getIdentity();
            held.add(job.id);
            worker.submit(() -> runAs(caller, job.id, stored));
            handedOver = true;
            return new Submission(job, true);
        } finally {
            if (!handedOver) {
                Files.deleteIfExists(stored.file());
            }
        }
    }

    /** A job of the caller's area, or 404. */
    public LedgerImport get(UUID id) {
        LedgerImport job = LedgerImport.findById(id);
        if (job == null || !job.area.startsWith(scope.area())) {
            throw ProblemException.notFound("import", id);
        }
        return job;
    }

    /** The first {@code limit} errors of a job of the caller's area, in row order. */
    public List<LedgerError> errors(UUID id, int limit) {
        get(id);
        List<LedgerError> errors = new ArrayList<>();
        eachError(id, limit, errors::add);
        return errors;
    }

    /** Streams a job's stored errors, in row order, to {@code each}; the caller has checked the job is theirs. */
    public void eachError(UUID id, int limit, Consumer<LedgerError> each) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT row_number, column_name, rule, message FROM ledger_import_error
                        WHERE import_id = ? ORDER BY row_number, seq LIMIT ?""")) {
            select.setObject(1, id);
            select.setInt(2, limit);
            select.setFetchSize(1000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    each.accept(new LedgerError(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the import's errors", e);
        }
    }

    /** Writes which household each ledger number became ({@code row,householdRef,householdId}), as CSV. */
    public void households(UUID id, OutputStream out) throws IOException {
        get(id);
        java.io.Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write("row,householdRef,householdId\r\n");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT first_row, household_ref, household_id FROM ledger_import_household WHERE import_id = ? ORDER BY first_row""")) {
            select.setObject(1, id);
            select.setFetchSize(1000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String ref = rows.getString(2);
                    boolean quote = ref.indexOf(',') >= 0 || ref.indexOf('"') >= 0;
                    writer.write(rows.getLong(1) + "," + (quote ? "\"" + ref.replace("\"", "\"\"") + "\"" : ref) + ","
                            + rows.getObject(3) + "\r\n");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the imported households", e);
        }
        writer.flush();
    }

    /** Writes the job's error report as XLSX or CSV. */
    public void report(UUID id, boolean xlsx, OutputStream out) throws IOException {
        LedgerImport job = get(id);
        long shown = Math.min(job.errorsTotal, config.ledgerImport().maxErrors());
        Consumer<Consumer<LedgerError>> lines = each -> eachError(id, config.ledgerImport().maxErrors(), each);
        if (xlsx) {
            LedgerWorkbooks.errorsXlsx(lines, job.errorsTotal, shown, out);
        } else {
            LedgerWorkbooks.errorsCsv(lines, job.errorsTotal, shown, out);
        }
    }

    private Optional<LedgerImport> existing(String area, String sha256, Mode mode) {
        return LedgerImport.find("area = ?1 and fileSha256 = ?2 and mode = ?3 and status <> ?4", area, sha256, mode, Status.FAILED)
                .firstResultOptional();
    }

    private void runAs(SecurityIdentity caller, UUID id, Stored stored) {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            Arc.container().instance(CurrentIdentityAssociation.class).get().setIdentity(caller);
            runs.run(id, stored.file(), stored.format(), stored.charset());
        } catch (Throwable e) {
            String errorId = UUID.randomUUID().toString();
            LOG.errorf("import %s failed (error id %s): %s", id, errorId, Redaction.stackTrace(e));
            String reason = e instanceof LedgerFormatException f ? f.getMessage()
                    : e instanceof ProblemException p ? p.getMessage() : "an unexpected error stopped the import (error id " + errorId + ")";
            runs.fail(id, reason);
        } finally {
            request.terminate();
            held.remove(id);
            try {
                Files.deleteIfExists(stored.file());
            } catch (IOException e) {
                LOG.warnf("could not delete the upload of import %s: %s", id, e.getMessage());
            }
        }
    }

    /** Copies the upload into the import directory, hashing it and finding out what it is on the way. */
    private Stored store(Path upload) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(UUID.randomUUID() + ".upload");
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        boolean isUtf8 = true;
        byte[] head = new byte[8];
        int headLength = 0;
        try (InputStream in = Files.newInputStream(upload); OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            ByteBuffer pending = ByteBuffer.allocate(buffer.length + 8);
            CharBuffer chars = CharBuffer.allocate(buffer.length + 8);
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
                out.write(buffer, 0, n);
                while (headLength < head.length && headLength < n) {
                    head[headLength] = buffer[headLength];
                    headLength++;
                }
                if (isUtf8) {
                    pending.put(buffer, 0, n).flip();
                    isUtf8 = !utf8.decode(pending, chars.clear(), false).isError();
                    pending.compact();
                }
            }
            if (isUtf8) {
                pending.flip();
                isUtf8 = !utf8.decode(pending, chars.clear(), true).isError();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        Format format;
        if (headLength >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            format = Format.XLSX;
        } else if (headLength >= 4 && (head[0] & 0xff) == 0xD0 && (head[1] & 0xff) == 0xCF && head[2] == 0x11 && (head[3] & 0xff) == 0xE0) {
            Files.deleteIfExists(file);
            throw ProblemException.invalid("file", "file-type", "an old Excel (.xls) workbook, or a workbook"
                    + " protected by a password: save it as .xlsx without a password, or as .csv");
        } else {
            format = Format.CSV;
        }
        // A CSV that is not UTF-8 is taken for GB18030, the encoding Chinese Excel saves CSV in.
        Charset charset = isUtf8 ? StandardCharsets.UTF_8 : Charset.forName("GB18030");
        return new Stored(file, HexFormat.of().formatHex(sha.digest()), format, charset);
    }

    /** 400 now, rather than a failed job later, when the first row is not the template's header. */
    private static void checkHeader(Stored stored) throws IOException {
        List<List<String>> first = new ArrayList<>();
        try {
            LedgerFile.read(stored.file(), stored.format(), stored.charset(), (number, cells) -> {
                first.add(cells);
                return false;
            });
            if (first.isEmpty()) {
                throw ProblemException.invalid("file", "not-empty", "the file has no rows");
            }
            LedgerHeader.of(first.get(0));
        } catch (LedgerFormatException e) {
            throw ProblemException.invalid(e.field(), e.rule(), e.getMessage());
        }
    }

    /**
     * The upload's name as the job keeps and shows it: control and format characters out (PostgreSQL's text refuses a
     * NUL; a line break or a right-to-left override in a name only misleads whoever reads it), then an ID number in it
     * masked (whole: before the cut), at most 200 characters, never half a character.
     */
    private static String storedName(String fileName) {
        if (fileName == null) {
            return null;
        }
        String printable = Redaction.mask(fileName.replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", ""));
        if (printable.length() <= 200) {
            return printable;
        }
        return printable.substring(0, Character.isHighSurrogate(printable.charAt(199)) ? 199 : 200);
    }

    private static void requireKnownExtension(String fileName) {
        if (fileName == null || !fileName.contains(".")) {
            return;
        }
        String extension = fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase();
        if (!Set.of("csv", "txt", "xlsx").contains(extension)) {
            throw ProblemException.invalid("file", "file-type", "a ledger is an .xlsx workbook or a .csv file, not ." + Redaction.mask(extension));
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** 413: the file is larger than the import takes. */
    public static final class FileTooLarge extends ProblemException {
        FileTooLarge(String limit) {
            super(413, "payload-too-large", "File too large", "the file is larger than the " + limit
                    + " bytes an import takes (wanjia.household.import.max-file-size)", "file", "max-file-size");
        }
    }
}
