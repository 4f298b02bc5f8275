-- +goose Up
-- kept_mentor: the mentor the mentee chose to keep with "/mentor keep";
-- while that mentor is away the mentorship is neither handed over nor
-- followed up. It applies only while mentor = kept_mentor.
-- mentee_active_at: the newcomer's latest comment, push or new pull
-- request or issue in the owner's repositories while the mentorship is
-- active; a mentorship idle for idle_days (from the later of this and
-- assigned_at) ends.
ALTER TABLE mentorships ADD COLUMN kept_mentor TEXT NOT NULL DEFAULT '';
ALTER TABLE mentorships ADD COLUMN mentee_active_at INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE mentorships DROP COLUMN mentee_active_at;
ALTER TABLE mentorships DROP COLUMN kept_mentor;
