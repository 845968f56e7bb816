-- Hibernate takes identification_entry ids 50 at a time (pooled), so a batch of labour reports that opens many
-- identifications writes their first timeline entries in JDBC batches instead of one round trip each.
ALTER SEQUENCE identification_entry_seq_seq INCREMENT BY 50;
