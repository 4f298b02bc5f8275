-- +goose Up
-- Program metrics (contract section 6). Each first-time contributor of an
-- owner once, with the repository and time of their first contribution and
-- the time of their next one to any of the owner's repositories: newcomer
-- retention reads it without searching every contributor's history. The
-- trigger below keeps it as contributions are recorded.
CREATE TABLE metric_newcomers (
    owner       TEXT    NOT NULL,
    login       TEXT    NOT NULL,
    repo        TEXT    NOT NULL,
    number      INTEGER NOT NULL,
    first_at    INTEGER NOT NULL,
    returned_at INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (owner, login)
);
CREATE INDEX metric_newcomers_first ON metric_newcomers (first_at, owner, repo, returned_at);

INSERT INTO metric_newcomers (owner, login, repo, number, first_at, returned_at)
SELECT c.owner, LOWER(c.login), c.repo, c.number, c.opened_at,
       COALESCE((SELECT MIN(o.opened_at) FROM contributions o
                  WHERE o.owner = c.owner AND o.login = c.login AND o.opened_at > c.opened_at), 0)
  FROM contributions c
 WHERE c.first_timer = 1
   AND NOT EXISTS (SELECT 1 FROM contributions e
                    WHERE e.owner = c.owner AND e.login = c.login AND e.first_timer = 1
                      AND (e.opened_at < c.opened_at OR (e.opened_at = c.opened_at
                           AND (e.repo < c.repo OR (e.repo = c.repo AND e.number < c.number)))))
ON CONFLICT (owner, login) DO NOTHING;

-- +goose StatementBegin
CREATE TRIGGER metric_newcomers_track AFTER INSERT ON contributions
BEGIN
    UPDATE metric_newcomers SET returned_at = NEW.opened_at
     WHERE owner = NEW.owner AND login = LOWER(NEW.login) AND NEW.opened_at > first_at
       AND (returned_at = 0 OR NEW.opened_at < returned_at);
    INSERT INTO metric_newcomers (owner, login, repo, number, first_at, returned_at)
    SELECT NEW.owner, LOWER(NEW.login), NEW.repo, NEW.number, NEW.opened_at,
           COALESCE((SELECT MIN(o.opened_at) FROM contributions o
                      WHERE o.owner = NEW.owner AND o.login = NEW.login AND o.opened_at > NEW.opened_at), 0)
     WHERE NEW.first_timer = 1
    ON CONFLICT (owner, login) DO UPDATE SET repo = excluded.repo, number = excluded.number,
        returned_at = excluded.returned_at, first_at = excluded.first_at
     WHERE excluded.first_at < metric_newcomers.first_at;
END;
-- +goose StatementEnd

-- Range reads of the figures, each index holding every column its read
-- needs (no lookup of the table's rows): first-timers' contributions by
-- opening time, assignments, open mentorships, claims and path steps.
CREATE INDEX contributions_first_timers ON contributions
    (opened_at, owner, repo, number, kind, login, first_response_at, merged_at, closed_at) WHERE first_timer = 1;
CREATE INDEX assignments_time ON assignments (assigned_at, owner, repo, mentor);
CREATE INDEX mentorships_open ON mentorships (state, owner, repo, mentor, created_at);
CREATE INDEX claims_held ON claims (owner, repo, claimed_at, ended_at) WHERE state = 'active';
CREATE INDEX claims_claimed ON claims (claimed_at, owner, repo, state, ended_at);
CREATE INDEX claims_ended ON claims (ended_at, owner, repo, state, claimed_at);
CREATE INDEX contributor_path_step ON contributor_path (step, at, owner, repo, login);

-- +goose Down
DROP INDEX contributor_path_step;
DROP INDEX claims_ended;
DROP INDEX claims_held;
DROP INDEX claims_claimed;
DROP INDEX mentorships_open;
DROP INDEX assignments_time;
DROP INDEX contributions_first_timers;
DROP TRIGGER metric_newcomers_track;
DROP TABLE metric_newcomers;
