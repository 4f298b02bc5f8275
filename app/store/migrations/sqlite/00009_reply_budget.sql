-- +goose Up
-- The bot's replies to comment commands, one row per comment answered, so
-- that each person has a budget of replies per repository and hour. The
-- key is the answered comment's, so a redelivery spends nothing more.
CREATE TABLE reply_budget (
    key        TEXT    PRIMARY KEY,
    repo       TEXT    NOT NULL,
    login      TEXT    NOT NULL,
    replied_at INTEGER NOT NULL
);
CREATE INDEX reply_budget_person ON reply_budget (repo, login, replied_at);

-- +goose Down
DROP TABLE reply_budget;
