-- +goose Up
-- Good first issues that are (or were) open starter tasks. labels holds the
-- issue's labels, one per line, as last seen.
CREATE TABLE starter_tasks (
    repo            TEXT    NOT NULL,
    number          BIGINT  NOT NULL,
    owner           TEXT    NOT NULL,
    installation_id BIGINT  NOT NULL,
    title           TEXT    NOT NULL DEFAULT '',
    url             TEXT    NOT NULL DEFAULT '',
    labels          TEXT    NOT NULL DEFAULT '',
    state           TEXT    NOT NULL,
    opened_at       BIGINT  NOT NULL,
    ended_at        BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (repo, number)
);
CREATE INDEX starter_tasks_state ON starter_tasks (repo, state);

-- Every claim ever made; at most one active claim per task.
CREATE TABLE claims (
    id              BIGSERIAL PRIMARY KEY,
    repo            TEXT    NOT NULL,
    number          BIGINT  NOT NULL,
    owner           TEXT    NOT NULL,
    installation_id BIGINT  NOT NULL,
    login           TEXT    NOT NULL,
    state           TEXT    NOT NULL,
    source          TEXT    NOT NULL,
    claimed_at      BIGINT  NOT NULL,
    activity_at     BIGINT  NOT NULL,
    reminded_at     BIGINT  NOT NULL DEFAULT 0,
    linked_pr       BIGINT  NOT NULL DEFAULT 0,
    ended_at        BIGINT  NOT NULL DEFAULT 0,
    end_reason      TEXT    NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX claims_one_active ON claims (repo, number) WHERE state = 'active';
CREATE INDEX claims_login ON claims (owner, login, state);
CREATE INDEX claims_state ON claims (state, repo, number);

-- People waiting for a claimed task, in order of joining.
CREATE TABLE claim_waiting (
    id         BIGSERIAL PRIMARY KEY,
    repo       TEXT    NOT NULL,
    number     BIGINT  NOT NULL,
    login      TEXT    NOT NULL,
    state      TEXT    NOT NULL,
    joined_at  BIGINT  NOT NULL,
    offered_at BIGINT  NOT NULL DEFAULT 0,
    left_at    BIGINT  NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX claim_waiting_once ON claim_waiting (repo, number, login) WHERE state IN ('waiting', 'offered');
CREATE INDEX claim_waiting_offers ON claim_waiting (state, offered_at);

-- Claim commands carried out, by comment and line, with their result, so a
-- redelivered comment replays its answer instead of acting again.
CREATE TABLE claim_commands (
    key     TEXT    PRIMARY KEY,
    result  TEXT    NOT NULL,
    done_at BIGINT  NOT NULL
);

-- What a claim change still has to do on GitHub (comments, assignees,
-- mentor pairing), written with the change and marked done once done.
CREATE TABLE claim_effects (
    seq             BIGSERIAL PRIMARY KEY,
    key             TEXT    NOT NULL UNIQUE,
    kind            TEXT    NOT NULL,
    owner           TEXT    NOT NULL,
    repo            TEXT    NOT NULL,
    number          BIGINT  NOT NULL,
    installation_id BIGINT  NOT NULL,
    login           TEXT    NOT NULL DEFAULT '',
    body            TEXT    NOT NULL DEFAULT '',
    pr              BIGINT  NOT NULL DEFAULT 0,
    created_at      BIGINT  NOT NULL,
    done_at         BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX claim_effects_pending ON claim_effects (done_at, repo, number);

-- Each contributor's path through the program: starter tasks done and
-- next-step tasks taken (the first issue or PR is in contributions).
CREATE TABLE contributor_path (
    owner  TEXT    NOT NULL,
    login  TEXT    NOT NULL,
    step   TEXT    NOT NULL,
    repo   TEXT    NOT NULL,
    number BIGINT  NOT NULL,
    at     BIGINT  NOT NULL,
    PRIMARY KEY (owner, login, step, repo, number)
);

-- +goose Down
DROP TABLE contributor_path;
DROP TABLE claim_effects;
DROP TABLE claim_commands;
DROP TABLE claim_waiting;
DROP TABLE claims;
DROP TABLE starter_tasks;
