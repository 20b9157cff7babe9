-- Snapshots of host_entries; runs unchanged on SQLite and PostgreSQL. A snapshot is one row here
-- and a copy of every entry's row, derived keys included, in host_snapshot_entries, so that a
-- rollback restores rows with set-based SQL. change_id is the newest change the copy shows (the
-- zero ULID for an empty log). Both tables are written and pruned only together, in one
-- transaction.
CREATE TABLE host_snapshots (
    id          VARCHAR(26)  NOT NULL PRIMARY KEY,
    name        VARCHAR(255) NOT NULL,
    cause       VARCHAR(64)  NOT NULL, -- the API's trigger, a keyword in SQL
    created_at  BIGINT       NOT NULL,
    entry_count INTEGER      NOT NULL,
    change_id   VARCHAR(26)  NOT NULL
);

CREATE TABLE host_snapshot_entries (
    snapshot_id  VARCHAR(26)  NOT NULL,
    id           VARCHAR(26)  NOT NULL,
    ip_address   VARCHAR(45)  NOT NULL,
    ip_key       VARCHAR(33)  NOT NULL,
    hostname     VARCHAR(253) NOT NULL,
    hostname_key VARCHAR(253) NOT NULL,
    aliases      TEXT         NOT NULL,
    comment      TEXT,
    tags         TEXT         NOT NULL,
    tag_keys     TEXT         NOT NULL,
    search_text  TEXT         NOT NULL,
    created_at   BIGINT       NOT NULL,
    updated_at   BIGINT       NOT NULL,
    version      BIGINT       NOT NULL,
    PRIMARY KEY (snapshot_id, id)
);
