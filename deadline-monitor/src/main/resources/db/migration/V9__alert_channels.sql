-- Issue #19: alerts reach people where they already are. One subscription table for every channel, told apart by
-- `kind`: WEBHOOK (every row before this release, and a subscription made without a kind), EMAIL (recipients),
-- WECOM and DINGTALK group robots (url without its token; the token sealed in token_sealed like the secrets, by the
-- service: the key never reaches a migration). Deliveries stay in webhook_delivery, one outbox for every kind.
ALTER TABLE webhook_subscription ADD COLUMN kind TEXT NOT NULL DEFAULT 'WEBHOOK'
    CHECK (kind IN ('WEBHOOK', 'EMAIL', 'WECOM', 'DINGTALK'));
ALTER TABLE webhook_subscription ADD COLUMN recipients TEXT;
ALTER TABLE webhook_subscription ADD COLUMN token_sealed BYTEA;
ALTER TABLE webhook_subscription ALTER COLUMN url DROP NOT NULL;
ALTER TABLE webhook_subscription ADD CONSTRAINT webhook_subscription_fields_of_kind CHECK (CASE kind
    WHEN 'EMAIL' THEN recipients IS NOT NULL AND url IS NULL AND token_sealed IS NULL
    WHEN 'WEBHOOK' THEN url IS NOT NULL AND recipients IS NULL AND token_sealed IS NULL
    ELSE url IS NOT NULL AND token_sealed IS NOT NULL AND recipients IS NULL END);
