-- +goose Up
-- The SEQUENCE of each event of the /calendar feeds: it goes up by one
-- whenever what the event says (its digest) changes, so calendar clients
-- replace their copy.
CREATE TABLE calendar_events (
    uid        TEXT    PRIMARY KEY,
    digest     TEXT    NOT NULL,
    sequence   INTEGER NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL
);

-- +goose Down
DROP TABLE calendar_events;
