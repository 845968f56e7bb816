-- This deployment's own identity claims are no longer read back from the city's topic into identity_claim: a claim meets
-- the other deployments' claims in the transaction that makes it (IdentityClaims.claim, README "Identity across a city").
-- The rows read back before would stay as they were then (nothing updates them any more, nothing reads them), so they go.
DELETE FROM identity_claim WHERE deployment = '${deployment}';
