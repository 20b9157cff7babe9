-- Every change to an entry, written in the change's own transaction; runs unchanged on SQLite and
-- PostgreSQL. change_seq is the change's place in the commit order (host_changes.seq), so one
-- entry's rows sort newest first by it, and "changes since" reads forward from it. changes holds
-- the fields that changed as JSON, each with its value before and after. Rows are kept by count
-- per entry and by age (vigil.hosts.history), and folded by CompactAggregates; nothing else
-- writes here.
CREATE TABLE host_history (
    entry_id   VARCHAR(26)  NOT NULL,
    change_seq BIGINT       NOT NULL,
    change_id  VARCHAR(26)  NOT NULL,
    changed_at BIGINT       NOT NULL,
    operation  VARCHAR(16)  NOT NULL, -- the API's word, a keyword nowhere
    caller     TEXT         NOT NULL,
    changes    TEXT         NOT NULL,
    version    BIGINT       NOT NULL,
    PRIMARY KEY (entry_id, change_seq)
);

CREATE INDEX host_history_order ON host_history (change_seq, entry_id);
