-- Which key sealed each stored national ID and which key made its hash (README, "National-ID keys and ciphers"):
-- keys rotate, and a row names its keys until the re-keying moves it to the active ones. Rows written before this
-- migration were sealed and hashed with the keys configured then; the placeholders give their ids (the active ids,
-- k1 unless configured otherwise: upgrade first, rotate afterwards). The defaults only fill the existing rows.

ALTER TABLE member
    ADD COLUMN national_id_key      TEXT NOT NULL DEFAULT '${national_id_key}',
    ADD COLUMN national_id_hash_key TEXT NOT NULL DEFAULT '${national_id_hash_key}';
ALTER TABLE member
    ALTER COLUMN national_id_key DROP DEFAULT,
    ALTER COLUMN national_id_hash_key DROP DEFAULT;

ALTER TABLE unmatched_report
    ADD COLUMN national_id_key      TEXT NOT NULL DEFAULT '${national_id_key}',
    ADD COLUMN national_id_hash_key TEXT NOT NULL DEFAULT '${national_id_hash_key}';
ALTER TABLE unmatched_report
    ALTER COLUMN national_id_key DROP DEFAULT,
    ALTER COLUMN national_id_hash_key DROP DEFAULT;
