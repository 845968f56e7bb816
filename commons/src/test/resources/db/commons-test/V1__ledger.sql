-- What the commons test consumer applied: one row per applied event, in the order applied.
CREATE TABLE ledger (
    seq          BIGSERIAL PRIMARY KEY,
    event_id     TEXT NOT NULL UNIQUE,
    household_id TEXT NOT NULL,
    reason       TEXT NOT NULL
);
CREATE INDEX ledger_household ON ledger (household_id);
