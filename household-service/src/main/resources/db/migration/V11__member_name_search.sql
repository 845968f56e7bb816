-- The console finds households by the start of a member's name (GET /households?name=): a prefix search, which a
-- text_pattern_ops index serves whatever the database's collation.
create index member_name_prefix on member (name text_pattern_ops);
