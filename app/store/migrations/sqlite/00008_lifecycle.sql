-- +goose Up
-- An archived repository keeps its history, and its work is parked until
-- it is unarchived.
ALTER TABLE repositories ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE repositories DROP COLUMN archived;
