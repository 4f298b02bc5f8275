-- +goose Up
-- When scheduled work on an item is next due, as its job last worked it
-- out from the item's configuration: a follow-up of a mentorship, the
-- expiry of a claim, an office-hours post. The scheduler reads a
-- repository's configuration only for what is due; a minute with nothing
-- due costs no GitHub request. A push that changes a mentorship.yml makes
-- the repository's (or the owner's) items due at once.
CREATE TABLE due_times (
    job             TEXT    NOT NULL,
    item            TEXT    NOT NULL,
    installation_id INTEGER NOT NULL,
    owner           TEXT    NOT NULL, -- lower case
    repo            TEXT    NOT NULL, -- owner/name of the repository whose configuration applies
    due_at          INTEGER NOT NULL,
    PRIMARY KEY (job, item)
);
CREATE INDEX due_times_repo ON due_times (owner, repo);

-- +goose Down
DROP TABLE due_times;
