package io.wanjia.household;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One import of a city's ledger (台账): the file it read (by SHA-256, never its content), the area and mode it ran in,
 * how far it got and what it found. Its errors are rows of {@code ledger_import_error}.
 */
@Entity
@Table(name = "ledger_import")
public class LedgerImport extends PanacheEntityBase {

    /** Where a job stands. */
    public enum Status {
        QUEUED, RUNNING, DONE, FAILED
    }

    /** What to do with a file that has bad rows. */
    public enum Mode {
        /** Register nothing unless every row passes (the whole file is checked first). */
        ALL_OR_NOTHING,
        /** Register every household whose rows all pass; skip the others whole. */
        VALID_ROWS
    }

    /** How the file was written. */
    public enum Format {
        CSV, XLSX
    }

    @Id
    public UUID id;
    public String area;
    @Column(name = "file_sha256")
    public String fileSha256;
    @Column(name = "file_name")
    public String fileName;
    @Enumerated(EnumType.STRING)
    @Column(name = "file_format")
    public Format fileFormat;
    @Enumerated(EnumType.STRING)
    public Mode mode;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "submitted_by")
    public String submittedBy;
    @Column(name = "submitted_at")
    public Instant submittedAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    /** The instance that runs the job, so a restart of that instance fails it at once. */
    public String runner;
    @Column(name = "rows_read")
    public long rowsRead;
    @Column(name = "households_read")
    public long householdsRead;
    @Column(name = "households_registered")
    public long householdsRegistered;
    @Column(name = "rows_failed")
    public long rowsFailed;
    @Column(name = "errors_total")
    public long errorsTotal;
    /** Why a FAILED job stopped, in a sentence for the caller. */
    public String failure;
}
