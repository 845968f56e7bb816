-- Identity across a city (#18): what the city's household-services claim, read from the shared compacted topic, and the
-- duplicates it shows. A claim is a keyed hash under the city's hash key, never a national ID.

-- The latest word of each deployment on each person (this deployment's own claims included): the topic rebuilt.
CREATE TABLE identity_claim (
    hash_key_id    varchar(16)  NOT NULL,
    hash           char(64)     NOT NULL,
    deployment     varchar(40)  NOT NULL,
    district_code  varchar(6)   NOT NULL,
    member_id      uuid         NOT NULL,
    held           boolean      NOT NULL,
    stated_at      timestamptz  NOT NULL,
    PRIMARY KEY (hash, hash_key_id, deployment)
);

-- A person this deployment holds who is also held by another deployment: one row per pair, for a caseworker here to
-- resolve. The other side has its own row for the same pair.
CREATE TABLE duplicate_review (
    id                   uuid         PRIMARY KEY,
    household_id         uuid         NOT NULL,
    member_id            uuid         NOT NULL,
    district_code        varchar(6)   NOT NULL,
    other_deployment     varchar(40)  NOT NULL,
    other_district_code  varchar(6)   NOT NULL,
    other_member_id      uuid         NOT NULL,
    found_at             timestamptz  NOT NULL,
    status               varchar(20)  NOT NULL,
    resolved_at          timestamptz,
    resolved_by          varchar(255),
    note                 varchar(500),
    UNIQUE (member_id, other_deployment, other_member_id)
);
CREATE INDEX duplicate_review_open ON duplicate_review (district_code, found_at) WHERE status = 'OPEN';
-- The reviews the other district's release closes.
CREATE INDEX duplicate_review_other_open ON duplicate_review (other_deployment, other_member_id) WHERE status = 'OPEN';
-- Whether the other district still holds its member (a re-keying releases one hash and claims another).
CREATE INDEX identity_claim_member ON identity_claim (deployment, member_id) WHERE held;

-- Whether the member's claim is on the outbox. Members registered before claims existed (and rows written by a bulk
-- COPY) start false; a pass publishes them (README, "Identity across a city").
ALTER TABLE member ADD COLUMN claim_published boolean NOT NULL DEFAULT false;
CREATE INDEX member_claim_unpublished ON member (id) WHERE NOT claim_published;
