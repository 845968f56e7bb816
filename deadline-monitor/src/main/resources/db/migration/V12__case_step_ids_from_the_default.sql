-- New steps are inserted set-based, their ids from the column's default (NewCases); Hibernate no longer takes blocks of 50
-- (V2), so the sequence counts one by one again. Ids already given stay as they are.
ALTER SEQUENCE case_step_id_seq INCREMENT BY 1;
