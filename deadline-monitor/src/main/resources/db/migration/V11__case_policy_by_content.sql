-- A case keeps the policy in force when it opened. Until now each case row carried its own copy (~750 bytes of JSON),
-- written again with every row version (the identification's stage, the level reached, the close): a sixth of the WAL
-- a labour report cost in the bench. A case now names its policy by the hash of its content, and each distinct policy
-- is stored once (issue #20). Rows of case_policy never change and are never deleted. No foreign key on purpose: every
-- case insert would lock (FOR KEY SHARE) the one policy row nearly all cases share, and the service writes the policy's
-- row in the transaction that first names it (Policies.idOf).
CREATE TABLE case_policy (
    id      TEXT PRIMARY KEY,   -- hex SHA-256 of the policy's text as jsonb gives it
    policy  JSONB NOT NULL
);

INSERT INTO case_policy (id, policy)
SELECT DISTINCT ON (1) encode(sha256(convert_to(policy::text, 'UTF8')), 'hex'), policy FROM assistance_case;

ALTER TABLE assistance_case ADD COLUMN policy_id TEXT;
UPDATE assistance_case SET policy_id = encode(sha256(convert_to(policy::text, 'UTF8')), 'hex');
ALTER TABLE assistance_case ALTER COLUMN policy_id SET NOT NULL;
ALTER TABLE assistance_case DROP COLUMN policy;
