-- +goose Up
-- Everyone who opened a pull request or issue in an owner's repositories,
-- as far as the app has seen or looked up, counted per kind.
CREATE TABLE contributors (
    owner          TEXT    NOT NULL,
    login          TEXT    NOT NULL,
    kind           TEXT    NOT NULL,
    contributions  BIGINT NOT NULL DEFAULT 0,
    looked_up      BIGINT NOT NULL DEFAULT 0,
    first_seen_at  BIGINT NOT NULL,
    PRIMARY KEY (owner, login, kind)
);

-- Pull requests and issues the app has seen opened.
CREATE TABLE contributions (
    repo              TEXT    NOT NULL,
    number            BIGINT NOT NULL,
    owner             TEXT    NOT NULL,
    kind              TEXT    NOT NULL,
    login             TEXT    NOT NULL,
    first_timer       BIGINT NOT NULL DEFAULT 0,
    opened_at         BIGINT NOT NULL,
    first_response_at BIGINT NOT NULL DEFAULT 0,
    first_responder   TEXT    NOT NULL DEFAULT '',
    merged_at         BIGINT NOT NULL DEFAULT 0,
    closed_at         BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (repo, number)
);
CREATE INDEX contributions_login ON contributions (owner, login, opened_at);

-- Mentor state that commands change: away, and when last assigned.
CREATE TABLE mentors (
    owner            TEXT    NOT NULL,
    login            TEXT    NOT NULL,
    away             BIGINT NOT NULL DEFAULT 0,
    away_until       BIGINT NOT NULL DEFAULT 0,
    last_assigned_at BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (owner, login)
);

-- One mentorship per pull request or issue of a newcomer.
CREATE TABLE mentorships (
    repo              TEXT    NOT NULL,
    number            BIGINT NOT NULL,
    owner             TEXT    NOT NULL,
    installation_id   BIGINT NOT NULL,
    kind              TEXT    NOT NULL,
    mentee            TEXT    NOT NULL,
    mentor            TEXT    NOT NULL DEFAULT '',
    previous_mentor   TEXT    NOT NULL DEFAULT '',
    state             TEXT    NOT NULL,
    areas             TEXT    NOT NULL DEFAULT '',
    created_at        BIGINT NOT NULL,
    assigned_at       BIGINT NOT NULL DEFAULT 0,
    first_response_at BIGINT NOT NULL DEFAULT 0,
    nudged_at         BIGINT NOT NULL DEFAULT 0,
    ended_at          BIGINT NOT NULL DEFAULT 0,
    end_reason        TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (repo, number)
);
CREATE INDEX mentorships_state ON mentorships (owner, state, mentor);
CREATE INDEX mentorships_mentee ON mentorships (owner, mentee, created_at);

-- Every assignment ever made, for fairness figures and rotation.
CREATE TABLE assignments (
    id          BIGSERIAL PRIMARY KEY,
    owner       TEXT    NOT NULL,
    repo        TEXT    NOT NULL,
    number      BIGINT NOT NULL,
    mentee      TEXT    NOT NULL,
    mentor      TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    assigned_at BIGINT NOT NULL
);
CREATE INDEX assignments_owner ON assignments (owner, assigned_at);

-- Comments the bot posted, by their stable key, so a retry edits instead of
-- posting twice. state 'posting' means the outcome of the POST is unknown.
CREATE TABLE bot_comments (
    key        TEXT    PRIMARY KEY,
    repo       TEXT    NOT NULL,
    number     BIGINT NOT NULL,
    comment_id BIGINT NOT NULL DEFAULT 0,
    state      TEXT    NOT NULL,
    updated_at BIGINT NOT NULL
);

-- +goose Down
DROP TABLE bot_comments;
DROP TABLE assignments;
DROP TABLE mentorships;
DROP TABLE mentors;
DROP TABLE contributions;
DROP TABLE contributors;
