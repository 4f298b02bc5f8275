-- +goose Up
-- Named leases: the scheduler runs on one replica at a time.
CREATE TABLE leases (
    name        TEXT    PRIMARY KEY,
    owner       TEXT    NOT NULL,
    expires_at  BIGINT NOT NULL
);

-- Scheduled occurrences done (an office-hours announcement, a claim
-- reminder), so none is done twice across restarts and replicas.
CREATE TABLE occurrences (
    key     TEXT    PRIMARY KEY,
    done_at BIGINT NOT NULL
);

-- +goose Down
DROP TABLE occurrences;
DROP TABLE leases;
