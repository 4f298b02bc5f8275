-- +goose Up
-- Office-hours posts, one per target repository (owner/name, where the
-- discussions are), session key and kind (announcement or recap). A post is
-- claimed before it is written (state 'posting'), so no session is
-- announced or recapped twice across restarts and replicas; uncertain = 1
-- means a create call was sent whose outcome is unknown, so the next try
-- looks for the post's hidden marker before writing again.
CREATE TABLE hours_posts (
    target          TEXT    NOT NULL,
    session_key     TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    owner           TEXT    NOT NULL,
    config_repo     TEXT    NOT NULL DEFAULT '',
    installation_id BIGINT NOT NULL DEFAULT 0,
    starts_at       BIGINT NOT NULL,
    ends_at         BIGINT NOT NULL,
    state           TEXT    NOT NULL,
    claimed_at      BIGINT NOT NULL DEFAULT 0,
    uncertain       BIGINT NOT NULL DEFAULT 0,
    discussion_id   TEXT    NOT NULL DEFAULT '',
    node_id         TEXT    NOT NULL DEFAULT '',
    number          BIGINT NOT NULL DEFAULT 0,
    url             TEXT    NOT NULL DEFAULT '',
    posted_at       BIGINT NOT NULL DEFAULT 0,
    attending       BIGINT NOT NULL DEFAULT 0,
    maybe           BIGINT NOT NULL DEFAULT 0,
    commenters      BIGINT NOT NULL DEFAULT 0,
    pulse_up        BIGINT NOT NULL DEFAULT 0,
    pulse_down      BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (target, session_key, kind)
);
CREATE INDEX hours_posts_discussion ON hours_posts (discussion_id);
CREATE INDEX hours_posts_owner ON hours_posts (owner, kind, posted_at);

-- Facilitator roles given in each session, the history that rotation reads.
CREATE TABLE hours_roles (
    target      TEXT    NOT NULL,
    session_key TEXT    NOT NULL,
    role        TEXT    NOT NULL,
    login       TEXT    NOT NULL,
    starts_at   BIGINT NOT NULL,
    PRIMARY KEY (target, session_key, role)
);
CREATE INDEX hours_roles_start ON hours_roles (target, starts_at);

-- /kudos, /faq and /action, keyed by their source (comment and command) so
-- a redelivery records nothing twice; reported_in names the recap that
-- showed them ('' until one does).
CREATE TABLE hours_kudos (
    source      TEXT    PRIMARY KEY,
    owner       TEXT    NOT NULL,
    giver       TEXT    NOT NULL,
    recipient   TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    url         TEXT    NOT NULL DEFAULT '',
    given_at    BIGINT NOT NULL,
    reported_in TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX hours_kudos_owner ON hours_kudos (owner, reported_in, given_at);

CREATE TABLE hours_faq (
    source      TEXT    PRIMARY KEY,
    owner       TEXT    NOT NULL,
    author      TEXT    NOT NULL,
    excerpt     TEXT    NOT NULL,
    url         TEXT    NOT NULL,
    saved_at    BIGINT NOT NULL,
    reported_in TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX hours_faq_owner ON hours_faq (owner, reported_in, saved_at);

CREATE TABLE hours_actions (
    source        TEXT    PRIMARY KEY,
    target        TEXT    NOT NULL,
    session_key   TEXT    NOT NULL,
    session_start BIGINT NOT NULL,
    author        TEXT    NOT NULL,
    text          TEXT    NOT NULL,
    created_at    BIGINT NOT NULL,
    reported_in   TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX hours_actions_target ON hours_actions (target, reported_in, session_start);

-- Issues that tell maintainers what to fix in the office-hours setup (a
-- missing category, Discussions off, a repository the app cannot reach),
-- one per target and problem while it lasts; checked_at is when the
-- problem was last seen.
CREATE TABLE hours_notices (
    key        TEXT    PRIMARY KEY,
    target     TEXT    NOT NULL,
    problem    TEXT    NOT NULL,
    repo       TEXT    NOT NULL,
    number     BIGINT NOT NULL DEFAULT 0,
    state      TEXT    NOT NULL,
    created_at BIGINT NOT NULL,
    checked_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX hours_notices_target ON hours_notices (target);

-- +goose Down
DROP TABLE hours_notices;
DROP TABLE hours_actions;
DROP TABLE hours_faq;
DROP TABLE hours_kudos;
DROP TABLE hours_roles;
DROP TABLE hours_posts;
