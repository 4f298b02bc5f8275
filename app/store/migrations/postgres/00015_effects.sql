-- +goose Up
-- The effects log: what a decision (a pairing from the waiting list, a
-- reassignment, a nudge, a handover) must do on GitHub, written in the
-- decision's transaction and done afterwards, in order per item, until
-- each is marked done. decision is the stable key of the decision (a
-- delivery, a comment and its command line, a scheduled occurrence): a
-- retry that finds it applies what is pending and decides nothing again.
-- next_at is when a failed effect is tried again by the scheduled sweep.
CREATE TABLE effects (
    seq             BIGSERIAL PRIMARY KEY,
    key             TEXT    NOT NULL UNIQUE,
    decision        TEXT    NOT NULL,
    owner           TEXT    NOT NULL,
    repo            TEXT    NOT NULL,
    number          BIGINT NOT NULL,
    installation_id BIGINT NOT NULL,
    action          TEXT    NOT NULL,
    arg             TEXT    NOT NULL DEFAULT '',
    body            TEXT    NOT NULL DEFAULT '',
    attempts        BIGINT NOT NULL DEFAULT 0,
    last_error      TEXT    NOT NULL DEFAULT '',
    created_at      BIGINT NOT NULL,
    next_at         BIGINT NOT NULL,
    done_at         BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX effects_decision ON effects (decision);
CREATE INDEX effects_pending ON effects (done_at, next_at);
CREATE INDEX effects_item ON effects (repo, number, done_at);

-- +goose Down
DROP TABLE effects;
