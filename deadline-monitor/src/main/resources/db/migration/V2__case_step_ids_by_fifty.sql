-- Hibernate takes case_step ids 50 at a time (pooled: each nextval reserves the 50 values up to it), so new
-- steps need no round trip each and go in JDBC batches. Rows inserted with the column default still get
-- unique ids: sequence values stay 50 apart.
ALTER SEQUENCE case_step_id_seq INCREMENT BY 50;
