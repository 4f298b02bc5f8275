-- +goose Up
-- One row that readiness rewrites every few seconds: a store that answers
-- but cannot commit (a full disk, a read-only replica) is not ready.
CREATE TABLE write_probe (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    checked_at  INTEGER NOT NULL
);
INSERT INTO write_probe (id, checked_at) VALUES (1, 0);

-- +goose Down
DROP TABLE write_probe;
