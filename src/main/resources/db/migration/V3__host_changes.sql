-- One row per committed change to host_entries, written in the change's own transaction; runs
-- unchanged on SQLite and PostgreSQL. seq is the database's order of commits (the application
-- assigns MAX(seq) + 1 while it holds the write lock); change_id is the ULID the API shows.
-- Old rows are pruned (vigil.hosts.changes.retained); the newest is always kept.
CREATE TABLE host_changes (
    seq          BIGINT       NOT NULL PRIMARY KEY,
    change_id    VARCHAR(26)  NOT NULL,
    committed_at BIGINT       NOT NULL
);
