package io.wanjia.household.service;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.wanjia.commons.audit.AuditTrail;
import io.wanjia.contracts.problem.Problem;
import io.wanjia.commons.problem.ProblemException;
import io.wanjia.commons.problem.Redaction;
import io.wanjia.commons.security.AreaScope;
import io.wanjia.household.Household;
import io.wanjia.household.LedgerImport;
import io.wanjia.household.LedgerImport.Format;
import io.wanjia.household.LedgerImport.Mode;
import io.wanjia.household.LedgerImport.Status;
import io.wanjia.household.Member;
import io.wanjia.household.config.HouseholdConfig;
import io.wanjia.household.domain.LedgerColumn;
import io.wanjia.household.domain.LedgerError;
import io.wanjia.household.domain.LedgerHeader;
import io.wanjia.household.domain.LedgerHousehold;
import io.wanjia.household.domain.LedgerMember;
import io.wanjia.household.domain.LedgerRowCheck;
import io.wanjia.household.domain.NationalId;
import io.wanjia.household.service.HouseholdRegister.Enrolment;
import io.wanjia.household.service.HouseholdRegister.Registration;

/**
 * One ledger import, run as its caller: pass 1 reads the whole file and checks every row ({@link LedgerRowCheck}, and
 * the register for people already on it), recording the errors; pass 2 reads it again and registers each household
 * that passed through {@link HouseholdRegister#register} — the REST registration's own door, so events, audit,
 * duplicate checks and the zero-employment decision are the same — unless the mode is ALL_OR_NOTHING and anything
 * failed. Households are registered {@code batch-households} to a transaction; a batch that fails is registered again
 * one household per transaction, so only the household at fault becomes an error. Batches are registered by
 * {@code workers} threads at once.
 */
@ApplicationScoped
public class LedgerImportRun {

    private static final Logger LOG = Logger.getLogger(LedgerImportRun.class);
    private static final int CHECK_BATCH = 500;
    private static final Pattern MEMBER_FIELD = Pattern.compile("members\\[(\\d+)]\\.(\\w+)");

    @Inject
    HouseholdRegister register;
    @Inject
    DivisionCodes divisions;
    @Inject
    AreaScope scope;
    @Inject
    AuditTrail audit;
    @Inject
    DataSource dataSource;
    @Inject
    HouseholdConfig config;
    @Inject
    Clock clock;
    @Inject
    CurrentIdentityAssociation identities;

    /** What a job has counted so far, and the errors waiting to be written. */
    private final class Progress {
        final UUID id;
        final Mode mode;
        final int maxErrors = config.ledgerImport().maxErrors();
        long rowsRead;
        long householdsRead;
        long householdsRegistered;
        long rowsFailed;
        long errorsTotal;
        int stored;
        final List<LedgerError> unsaved = new ArrayList<>();
        /** The file's header, for the columns' names as the file wrote them. */
        LedgerHeader header;
        /**
         * The first rows of the households pass 2 must not register: read by the thread reading the file while the
         * registering threads add the households they could not register.
         */
        final Set<Long> rejected = ConcurrentHashMap.newKeySet();

        Progress(UUID id, Mode mode) {
            this.id = id;
            this.mode = mode;
        }

        synchronized void registered(int households) {
            householdsRegistered += households;
        }

        /** Records a household's errors (and, when valid rows go ahead, the household's other rows as skipped). */
        synchronized void failed(LedgerHousehold household, List<LedgerError> errors) {
            rejected.add(household.firstRow());
            List<LedgerError> lines = new ArrayList<>(errors);
            Set<Long> rows = new TreeSet<>();
            errors.forEach(e -> rows.add(e.row()));
            if (mode == Mode.VALID_ROWS) {
                for (Long row : household.rows()) {
                    if (!rows.contains(row)) {
                        lines.add(new LedgerError(row, null, "household-rejected",
                                "not registered: another row of household " + Redaction.mask(household.ref()) + " has an error"));
                    }
                }
                rows.addAll(household.rows());
            }
            lines.sort(Comparator.comparingLong(LedgerError::row));
            rowsFailed += rows.size();
            for (LedgerError line : lines) {
                errorsTotal++;
                if (stored + unsaved.size() < maxErrors) {
                    unsaved.add(line);
                }
            }
        }

        /** Writes the errors and the counts so far, in a transaction of their own. */
        synchronized void save() {
            QuarkusTransaction.requiringNew().run(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    if (!unsaved.isEmpty()) {
                        try (PreparedStatement insert = connection.prepareStatement("""
                                INSERT INTO ledger_import_error (import_id, seq, row_number, column_name, rule, message)
                                VALUES (?, ?, ?, ?, ?, ?)""")) {
                            for (LedgerError error : unsaved) {
                                insert.setObject(1, id);
                                insert.setInt(2, stored++);
                                insert.setLong(3, error.row());
                                insert.setString(4, error.column());
                                insert.setString(5, error.rule());
                                insert.setString(6, error.message().length() > 300 ? error.message().substring(0, 300) : error.message());
                                insert.addBatch();
                            }
                            insert.executeBatch();
                        }
                        unsaved.clear();
                    }
                    try (PreparedStatement update = connection.prepareStatement("""
                            UPDATE ledger_import SET rows_read = ?, households_read = ?, households_registered = ?, rows_failed = ?,
                            errors_total = ?, heartbeat_at = now() WHERE id = ?""")) {
                        update.setLong(1, rowsRead);
                        update.setLong(2, householdsRead);
                        update.setLong(3, householdsRegistered);
                        update.setLong(4, rowsFailed);
                        update.setLong(5, errorsTotal);
                        update.setObject(6, id);
                        update.executeUpdate();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("could not record the import's progress", e);
                }
            });
        }
    }

    /** Runs job {@code id} over {@code file}; the caller's identity is the current one. */
    public void run(UUID id, Path file, Format format, Charset charset) throws IOException {
        LedgerImport job = QuarkusTransaction.requiringNew().call(() -> {
            LedgerImport found = LedgerImport.findById(id);
            found.status = Status.RUNNING;
            found.startedAt = Instant.now();
            return found;
        });
        Progress progress = new Progress(id, job.mode);
        LocalDate today = LocalDate.now(clock);

        List<LedgerHousehold> pending = new ArrayList<>();
        read(file, format, charset, today, progress, true, household -> {
            progress.householdsRead++;
            pending.add(household);
            if (pending.size() >= CHECK_BATCH) {
                check(pending, progress);
            }
        });
        check(pending, progress);

        if (job.mode == Mode.VALID_ROWS || progress.errorsTotal == 0) {
            register(file, format, charset, today, progress);
        }
        progress.save();
        QuarkusTransaction.requiringNew().run(() -> LedgerImport.update("status = ?1, finishedAt = ?2 where id = ?3",
                Status.DONE, Instant.now(), id));
        LOG.infof("import %s done: %d rows, %d households registered, %d rows failed", id, progress.rowsRead,
                progress.householdsRegistered, progress.rowsFailed);
    }

    /**
     * Pass 2: reads the file again and hands each batch of households that passed to one of {@code workers} threads, each
     * registering as the job's caller (the households are distinct people, checked in pass 1, so batches do not meet).
     * The reader waits when every worker has a batch queued behind the one it runs, so memory stays bounded.
     */
    private void register(Path file, Format format, Charset charset, LocalDate today, Progress progress) throws IOException {
        SecurityIdentity caller = identities.getIdentity();
        int workers = Math.max(1, config.ledgerImport().workers());
        int batchSize = Math.max(1, config.ledgerImport().batchHouseholds());
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> new Thread(r, "ledger-import-register"));
        Semaphore slots = new Semaphore(workers * 2);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<LedgerHousehold> batch = new ArrayList<>();
        Runnable dispatch = () -> {
            if (batch.isEmpty() || failure.get() != null) {
                batch.clear();
                return;
            }
            List<LedgerHousehold> mine = new ArrayList<>(batch);
            batch.clear();
            slots.acquireUninterruptibly();
            pool.execute(() -> {
                ManagedContext request = Arc.container().requestContext();
                request.activate();
                try {
                    Arc.container().instance(CurrentIdentityAssociation.class).get().setIdentity(caller);
                    registerAll(mine, progress);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    request.terminate();
                    slots.release();
                }
            });
        };
        try {
            read(file, format, charset, today, progress, false, household -> {
                if (household.valid() && !progress.rejected.contains(household.firstRow())) {
                    batch.add(household);
                    if (batch.size() >= batchSize) {
                        dispatch.run();
                    }
                }
            });
            dispatch.run();
        } finally {
            pool.shutdown();
            try {
                pool.awaitTermination(1, TimeUnit.DAYS);
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("registering stopped", failure.get());
        }
    }

    /** Marks a job FAILED with a reason the caller can read. */
    public void fail(UUID id, String reason) {
        QuarkusTransaction.requiringNew().run(() -> LedgerImport.update("status = ?1, failure = ?2, finishedAt = ?3 where id = ?4",
                Status.FAILED, reason.length() > 500 ? reason.substring(0, 500) : reason, Instant.now(), id));
    }

    /** Reads the file's households in order; the first pass counts the rows. */
    private void read(Path file, Format format, Charset charset, LocalDate today, Progress progress, boolean counting,
            java.util.function.Consumer<LedgerHousehold> each) throws IOException {
        LedgerHeader[] header = new LedgerHeader[1];
        LedgerRowCheck[] check = new LedgerRowCheck[1];
        LedgerFile.read(file, format, charset, (number, cells) -> {
            if (header[0] == null) {
                header[0] = LedgerHeader.of(cells);
                progress.header = header[0];
                check[0] = new LedgerRowCheck(header[0], today, divisions::isKnown, scope::covers);
                return true;
            }
            if (LedgerHeader.blank(cells)) {
                return true;
            }
            if (counting) {
                progress.rowsRead++;
            }
            LedgerHousehold done = check[0].add(number, header[0].cells(cells));
            if (done != null) {
                each.accept(done);
            }
            return true;
        });
        if (check[0] != null) {
            LedgerHousehold last = check[0].finish();
            if (last != null) {
                each.accept(last);
            }
        }
    }

    /**
     * The households of pass 1 with the register's answer: a person already registered is an error of their row (so
     * the file is not refused whole). Each such finding tells the caller the number is registered, as a refused
     * registration would: it is audited as a lookup and counts against the caller's lookup allowance, without stopping
     * the import.
     */
    private void check(List<LedgerHousehold> households, Progress progress) {
        // Only households that passed so far are looked up: the register's answer about a person is given only for a
        // row that could otherwise be registered (a district outside the caller's area learns nothing).
        List<NationalId> ids = households.stream().filter(LedgerHousehold::valid).flatMap(h -> h.members().stream())
                .map(LedgerMember::nationalId).toList();
        Set<NationalId> registered = QuarkusTransaction.requiringNew().call(() -> {
            Set<NationalId> found = register.alreadyRegistered(ids);
            for (LedgerHousehold household : households) {
                for (LedgerMember member : household.valid() ? household.members() : List.<LedgerMember>of()) {
                    if (found.contains(member.nationalId())) {
                        audit.record("ledger-import", progress.id, IdentityDesk.LOOKUP, null,
                                Map.of("by", "ledger import found the person registered", "row", member.row()));
                    }
                }
            }
            return found;
        });
        for (LedgerHousehold household : households) {
            List<LedgerError> errors = new ArrayList<>(household.errors());
            for (LedgerMember member : household.valid() ? household.members() : List.<LedgerMember>of()) {
                if (registered.contains(member.nationalId())) {
                    errors.add(new LedgerError(member.row(), progress.header.written(LedgerColumn.NATIONAL_ID), "already-registered",
                            "this person is already on the register"));
                }
            }
            if (!errors.isEmpty()) {
                progress.failed(household, errors);
            }
        }
        households.clear();
        progress.save();
    }

    /** Registers a batch in one transaction, or one by one if the batch fails. */
    private void registerAll(List<LedgerHousehold> batch, Progress progress) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> registered(progress.id, batch, register.registerAll(batch.stream()
                    .map(LedgerImportRun::registration).toList()).stream().map(h -> h.id).toList()));
            progress.registered(batch.size());
        } catch (RuntimeException batchFailed) {
            for (LedgerHousehold household : batch) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> registered(progress.id, List.of(household), List.of(registerOne(household))));
                    progress.registered(1);
                } catch (RuntimeException e) {
                    progress.failed(household, List.of(refusal(household, e, progress.header)));
                }
            }
        }
        batch.clear();
        progress.save();
    }

    /** Records which household each ledger number became, in the registering transaction. */
    private void registered(UUID id, List<LedgerHousehold> ledger, List<UUID> households) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO ledger_import_household (import_id, first_row, household_ref, household_id) VALUES (?, ?, ?, ?)""")) {
            for (int i = 0; i < ledger.size(); i++) {
                insert.setObject(1, id);
                insert.setLong(2, ledger.get(i).firstRow());
                insert.setString(3, ledger.get(i).ref());
                insert.setObject(4, households.get(i));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the imported households", e);
        }
    }

    private UUID registerOne(LedgerHousehold ledger) {
        Registration registration = registration(ledger);
        return register.register(registration.household(), registration.members()).id;
    }

    private static Registration registration(LedgerHousehold ledger) {
        Household household = new Household();
        household.districtCode = ledger.districtCode();
        household.street = ledger.street();
        household.community = ledger.community();
        household.address = ledger.address();
        household.cohort = ledger.cohort();
        household.movedBackOn = ledger.movedBackOn();
        household.minimumLivingAllowance = ledger.minimumLivingAllowance();
        return new Registration(household, ledger.members().stream().map(LedgerImportRun::enrolment).toList());
    }

    private static Enrolment enrolment(LedgerMember row) {
        Member member = new Member();
        member.name = row.name();
        member.relation = row.relation();
        member.birthDate = row.birthDate();
        member.gender = row.gender();
        member.education = row.education();
        member.skills = String.join(",", row.skills());
        member.labourCapacity = row.labourCapacity();
        member.willingToWork = row.willingToWork();
        member.occupationCategory = row.occupationCategory();
        member.status = row.status();
        member.statusSince = row.statusSince();
        member.businessIncome = row.businessIncome();
        member.graduatedOn = row.graduatedOn();
        return new Enrolment(row.nationalId().value(), member);
    }

    /** The register's refusal of a household, placed on the row and column it names. */
    private LedgerError refusal(LedgerHousehold household, RuntimeException e, LedgerHeader header) {
        ProblemException problem = problemIn(e);
        if (problem == null) {
            String errorId = UUID.randomUUID().toString();
            LOG.errorf("import: household at row %d not registered (error id %s): %s", household.firstRow(), errorId,
                    Redaction.stackTrace(e));
            return new LedgerError(household.firstRow(), null, "not-registered", "could not be registered (error id " + errorId + ")");
        }
        Problem body = problem.toProblem(null);
        long row = household.firstRow();
        String field = body.field() == null ? "" : body.field();
        Matcher member = MEMBER_FIELD.matcher(field);
        if (member.matches()) {
            int index = Integer.parseInt(member.group(1));
            row = index < household.members().size() ? household.members().get(index).row() : row;
            field = member.group(2);
        }
        String column = field.isEmpty() ? null : LedgerColumn.byHeader(field).map(header::written).orElse(field);
        boolean duplicate = body.status() == 409 && "unique".equals(body.rule());
        return new LedgerError(row, column, duplicate ? "already-registered" : String.valueOf(body.rule()),
                duplicate ? "this person is already on the register" : Redaction.mask(problem.getMessage()));
    }

    private static ProblemException problemIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProblemException problem) {
                return problem;
            }
        }
        return null;
    }
}
