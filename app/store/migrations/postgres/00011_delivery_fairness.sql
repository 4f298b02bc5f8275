-- +goose Up
-- What each delivery is about, so the claim can take turns among
-- installations and keep one item's deliveries in order (seq is the order
-- of arrival); and strikes, the leases that ended without an outcome (a
-- crash) or in a timeout.
ALTER TABLE deliveries ADD COLUMN installation_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE deliveries ADD COLUMN item TEXT NOT NULL DEFAULT '';
ALTER TABLE deliveries ADD COLUMN strikes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE deliveries ADD COLUMN seq BIGSERIAL;
CREATE INDEX deliveries_turns ON deliveries (state, installation_id, next_attempt_at, seq);
CREATE INDEX deliveries_item ON deliveries (item, state, seq);

-- +goose Down
DROP INDEX deliveries_item;
DROP INDEX deliveries_turns;
ALTER TABLE deliveries DROP COLUMN seq;
ALTER TABLE deliveries DROP COLUMN strikes;
ALTER TABLE deliveries DROP COLUMN item;
ALTER TABLE deliveries DROP COLUMN installation_id;
