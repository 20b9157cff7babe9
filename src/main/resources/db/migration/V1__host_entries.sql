-- One row per live hosts entry; runs unchanged on SQLite and PostgreSQL.
-- The *_key and search_text columns are lower-cased copies kept by the application, so that
-- ordering, uniqueness, tag filters and search are case-insensitive the same way on both databases.
CREATE TABLE host_entries (
    id           VARCHAR(26)  NOT NULL PRIMARY KEY,
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
    CONSTRAINT host_entries_address_name UNIQUE (ip_address, hostname_key)
);

CREATE INDEX host_entries_order ON host_entries (ip_key, hostname_key, id);
