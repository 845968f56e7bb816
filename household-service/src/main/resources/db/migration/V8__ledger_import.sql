-- Bulk import of a city's ledger (#18): one row per import job, keyed by the file's SHA-256, its area and its mode, so
-- posting the same file again answers the same job; a failed job (a restart) does not hold the key.
-- No national ID, name or cell value is stored here: errors say row, column and rule.
CREATE TABLE ledger_import (
    id                     uuid PRIMARY KEY,
    area                   varchar(6)   NOT NULL,
    file_sha256            char(64)     NOT NULL,
    file_name              varchar(255),
    file_format            varchar(8)   NOT NULL,
    mode                   varchar(20)  NOT NULL,
    status                 varchar(10)  NOT NULL,
    submitted_by           varchar(255) NOT NULL,
    submitted_at           timestamptz  NOT NULL,
    started_at             timestamptz,
    finished_at            timestamptz,
    heartbeat_at           timestamptz  NOT NULL DEFAULT now(),
    runner                 varchar(255),
    rows_read              bigint       NOT NULL DEFAULT 0,
    households_read        bigint       NOT NULL DEFAULT 0,
    households_registered  bigint       NOT NULL DEFAULT 0,
    rows_failed            bigint       NOT NULL DEFAULT 0,
    errors_total           bigint       NOT NULL DEFAULT 0,
    failure                varchar(500)
);
CREATE UNIQUE INDEX ledger_import_once ON ledger_import (area, file_sha256, mode) WHERE status <> 'FAILED';
CREATE INDEX ledger_import_unfinished ON ledger_import (heartbeat_at) WHERE status IN ('QUEUED', 'RUNNING');

CREATE TABLE ledger_import_error (
    import_id    uuid         NOT NULL REFERENCES ledger_import (id) ON DELETE CASCADE,
    seq          int          NOT NULL,
    row_number   bigint       NOT NULL,
    column_name  varchar(64),
    rule         varchar(40)  NOT NULL,
    message      varchar(300) NOT NULL,
    PRIMARY KEY (import_id, seq)
);

-- Which household each ledger number became, so a city can carry the register's ids back into its own records.
CREATE TABLE ledger_import_household (
    import_id     uuid        NOT NULL REFERENCES ledger_import (id) ON DELETE CASCADE,
    first_row     bigint      NOT NULL,
    household_ref varchar(64) NOT NULL,
    household_id  uuid        NOT NULL,
    PRIMARY KEY (import_id, first_row)
);
