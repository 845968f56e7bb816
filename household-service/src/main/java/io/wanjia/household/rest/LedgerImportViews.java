package io.wanjia.household.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.wanjia.household.LedgerImport;
import io.wanjia.household.domain.LedgerError;

/** What the ledger import answers: a job's progress and its first errors, never a cell's value. */
public final class LedgerImportViews {

    private LedgerImportViews() {
    }

    /** An import job: where it stands, what it counted, its first errors and where the full report is. */
    public record ImportView(UUID id, LedgerImport.Status status, LedgerImport.Mode mode, LedgerImport.Format format,
            String fileName, String fileSha256, String area, String submittedBy, Instant submittedAt, Instant startedAt,
            Instant finishedAt, long rowsRead, long householdsRead, long householdsRegistered, long rowsFailed,
            long errorsTotal, String failure, List<LedgerError> errors, Links links) {

        public static ImportView of(LedgerImport job, List<LedgerError> firstErrors) {
            String base = "/api/v1/imports/" + job.id;
            return new ImportView(job.id, job.status, job.mode, job.fileFormat, job.fileName, job.fileSha256, job.area,
                    job.submittedBy, job.submittedAt, job.startedAt, job.finishedAt, job.rowsRead, job.householdsRead,
                    job.householdsRegistered, job.rowsFailed, job.errorsTotal, job.failure, firstErrors,
                    new Links(base, base + "/errors.xlsx", base + "/errors.csv", base + "/households.csv"));
        }
    }

    /** The job, its error report, and which household each ledger number became. */
    public record Links(String self, String errorsXlsx, String errorsCsv, String householdsCsv) {
    }
}
