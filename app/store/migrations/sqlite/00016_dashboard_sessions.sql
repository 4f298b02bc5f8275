-- +goose Up
-- The dashboard's signed-in sessions. The session cookie carries only a
-- signed random ID; this row holds who signed in and what they can read,
-- so a person who can read hundreds of private repositories fits. Only a
-- SHA-256 hash of the ID is kept, so the table gives no usable cookie.
-- Rows are deleted at logout and once expired.
CREATE TABLE dashboard_sessions (
    id_hash       TEXT    PRIMARY KEY,
    login         TEXT    NOT NULL,
    installations TEXT    NOT NULL, -- installation IDs the person can read, comma-separated
    repos         TEXT    NOT NULL, -- lower case owner/name of private repositories they can read, one a line
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL
);
CREATE INDEX dashboard_sessions_expiry ON dashboard_sessions (expires_at);

-- +goose Down
DROP TABLE dashboard_sessions;
