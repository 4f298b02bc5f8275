-- +goose Up
-- The living FAQ: one discussion per FAQ repository, kept current from
-- the /faq entries. node_id is empty until the discussion is found or
-- created; digest is that of the body last written successfully, so a
-- run edits only when the entries changed, and an edit whose answer was
-- lost is sent again with the same body.
CREATE TABLE faq_pages (
    target     TEXT    PRIMARY KEY,
    owner      TEXT    NOT NULL,
    node_id    TEXT    NOT NULL DEFAULT '',
    number     INTEGER NOT NULL DEFAULT 0,
    url        TEXT    NOT NULL DEFAULT '',
    digest     TEXT    NOT NULL DEFAULT '',
    updated_at INTEGER NOT NULL DEFAULT 0
);

-- What an FAQ entry answers (the title of the issue, pull request or
-- discussion it was written in) and its area, for grouping.
ALTER TABLE hours_faq ADD COLUMN question TEXT NOT NULL DEFAULT '';
ALTER TABLE hours_faq ADD COLUMN area TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE hours_faq DROP COLUMN area;
ALTER TABLE hours_faq DROP COLUMN question;
DROP TABLE faq_pages;
