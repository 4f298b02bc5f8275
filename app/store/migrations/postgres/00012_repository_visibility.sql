-- +goose Up
-- Whether each repository is private, as the latest webhook payload said.
-- The dashboard shows a repository to anonymous visitors only when it is
-- recorded here as public: a repository missing from this table is private.
CREATE TABLE repository_visibility (
    full_name  TEXT    PRIMARY KEY, -- lower case owner/name
    private    BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- +goose Down
DROP TABLE repository_visibility;
