-- +goose Up
-- Office hours keep their own per-session keys (hours_posts); this table
-- was never used.
DROP TABLE occurrences;

-- +goose Down
CREATE TABLE occurrences (
    key     TEXT    PRIMARY KEY,
    done_at INTEGER NOT NULL
);
