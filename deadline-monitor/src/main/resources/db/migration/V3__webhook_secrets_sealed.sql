-- Webhook secrets are sealed at rest (AES-256-GCM, key WANJIA_DEADLINE_WEBHOOK_SECRET_KEY) in secret_sealed.
-- PostgreSQL cannot seal with GCM (pgcrypto has CBC only) and the key must not reach a migration, so the plaintext
-- that earlier versions kept in `secret` is sealed by the service when it starts (WebhookSecrets) and emptied there.
ALTER TABLE webhook_subscription ADD COLUMN secret_sealed BYTEA;
ALTER TABLE webhook_subscription ALTER COLUMN secret DROP NOT NULL;
ALTER TABLE webhook_subscription ADD CONSTRAINT webhook_subscription_secret_once
    CHECK (secret IS NULL OR secret_sealed IS NULL);

-- The delivery log keeps a status code or a fixed description, never what a subscriber answered: earlier versions
-- kept exception messages, which may quote it.
UPDATE webhook_delivery SET last_error = CASE WHEN last_status IS NOT NULL THEN 'answered HTTP ' || last_status
                                              ELSE 'the delivery failed' END
WHERE last_error IS NOT NULL;
