-- +goose Up
CREATE TABLE deliveries (
    id              TEXT PRIMARY KEY,
    event           TEXT    NOT NULL,
    payload         BYTEA    NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'pending',
    attempts        BIGINT NOT NULL DEFAULT 0,
    received_at     BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    lease_owner     TEXT    NOT NULL DEFAULT '',
    lease_until     BIGINT NOT NULL DEFAULT 0,
    last_error      TEXT    NOT NULL DEFAULT '',
    finished_at     BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX deliveries_ready ON deliveries (state, next_attempt_at);
CREATE INDEX deliveries_received ON deliveries (received_at);

CREATE TABLE installations (
    id          BIGINT PRIMARY KEY,
    account     TEXT    NOT NULL,
    account_type TEXT   NOT NULL DEFAULT '',
    suspended   BIGINT NOT NULL DEFAULT 0,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

CREATE TABLE repositories (
    id              BIGINT PRIMARY KEY,
    installation_id BIGINT NOT NULL REFERENCES installations (id) ON DELETE CASCADE,
    full_name       TEXT    NOT NULL,
    added_at        BIGINT NOT NULL
);
CREATE INDEX repositories_installation ON repositories (installation_id);

-- +goose Down
DROP TABLE repositories;
DROP TABLE installations;
DROP TABLE deliveries;
