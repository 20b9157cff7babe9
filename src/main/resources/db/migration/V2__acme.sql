-- ACME state shared by every replica on the same database. Runs unchanged on SQLite and PostgreSQL.
-- Keys are PKCS#8 PEM; nothing here is ever logged or shown in health.
CREATE TABLE acme_account (
    id          VARCHAR(16) NOT NULL PRIMARY KEY,
    private_pem TEXT        NOT NULL,
    public_pem  TEXT        NOT NULL,
    created_at  BIGINT      NOT NULL
);

CREATE TABLE acme_certificate (
    id          VARCHAR(16) NOT NULL PRIMARY KEY,
    chain_pem   TEXT        NOT NULL,
    key_pem     TEXT        NOT NULL,
    not_after   BIGINT      NOT NULL,
    updated_at  BIGINT      NOT NULL
);

-- HTTP-01 answers, so that whichever replica the CA reaches can give them.
CREATE TABLE acme_challenge (
    token          VARCHAR(255) NOT NULL PRIMARY KEY,
    authorization_ TEXT         NOT NULL,
    expires_at     BIGINT       NOT NULL
);

-- A lease: the replica holding it until expires_at is the one that orders.
CREATE TABLE acme_lock (
    name        VARCHAR(16)  NOT NULL PRIMARY KEY,
    holder      VARCHAR(64),
    expires_at  BIGINT       NOT NULL
);

INSERT INTO acme_lock (name, holder, expires_at) VALUES ('order', NULL, 0);
