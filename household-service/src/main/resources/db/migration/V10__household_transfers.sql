-- Transfers of households between the districts of a city (#18, README "Transfers between districts"). Each side keeps its
-- own record of a transfer: the district that asked (IN) and the one asked (OUT).
CREATE TABLE household_transfer (
    id                  uuid          PRIMARY KEY,
    direction           varchar(3)    NOT NULL,   -- IN: this deployment asked for the household; OUT: it was asked
    status              varchar(20)   NOT NULL,   -- REQUESTED, RELEASED (OUT, until it arrives), COMPLETED, REFUSED, FAILED
    district_code       varchar(6)    NOT NULL,   -- this side's district: what area scope narrows by
    from_deployment     varchar(40)   NOT NULL,
    from_district_code  varchar(6)    NOT NULL,
    to_deployment       varchar(40)   NOT NULL,
    to_district_code    varchar(6)    NOT NULL,
    household_id        uuid,                     -- OUT: the household asked for; IN: the household made here on completion
    from_household_id   uuid,                     -- IN: the household in the sending district
    street              text,                     -- IN: where the household lives now
    community           text,
    address             text,
    requested_on        date          NOT NULL,
    requested_at        timestamptz   NOT NULL,
    requested_by        varchar(255)  NOT NULL,
    refusal_reason      varchar(20),
    failure_reason      varchar(20),
    decided_at          timestamptz,
    decided_by          varchar(255),
    note                varchar(500),
    member_count        int           NOT NULL
);
CREATE INDEX household_transfer_area ON household_transfer (district_code, requested_at);
-- A household's open transfer (asked for, or released and on its way): one at a time.
CREATE UNIQUE INDEX household_transfer_open_out ON household_transfer (household_id)
    WHERE direction = 'OUT' AND status IN ('REQUESTED', 'RELEASED');

-- The people a transfer names. On the side that asked (IN), what its caseworker typed, sealed and hashed here, until the
-- transfer completes (it becomes the members) or is refused (it is wiped).
CREATE TABLE transfer_person (
    id                  uuid          PRIMARY KEY,
    transfer_id         uuid          NOT NULL REFERENCES household_transfer (id),
    position            int           NOT NULL,
    from_member_id      uuid          NOT NULL,
    hash_key_id         varchar(16)   NOT NULL,
    hash                char(64)      NOT NULL,
    national_id_cipher  bytea,
    national_id_key     text,
    national_id_masked  text,
    name                text,
    birth_date          date,
    gender              varchar(6),
    UNIQUE (transfer_id, from_member_id)
);
-- Whether a person is in an open request here already (checked before asking again).
CREATE INDEX transfer_person_hash ON transfer_person (hash);

-- The closed record of a household that moved away: where it went, by which transfer; and of one that came: whence.
ALTER TABLE household ADD COLUMN transferred_to varchar(6);
ALTER TABLE household ADD COLUMN transferred_from varchar(6);
ALTER TABLE household ADD COLUMN transfer_id uuid;
