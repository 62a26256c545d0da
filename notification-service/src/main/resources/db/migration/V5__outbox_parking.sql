-- Issue 11 F5 (notification-service publishes DeliveryStatusChanged through the outbox too): a row the broker refuses for good (too large, invalid topic, not serialisable) is parked instead of
-- blocking the outbox: the relay sets parked_at and a short reason (the Kafka error's class name, never the
-- payload) and skips it from then on. An operator un-parks a row with UPDATE outbox_event SET parked_at = NULL,
-- parked_reason = NULL WHERE id = …; see docs/operations.md, "Parked outbox rows".
ALTER TABLE outbox_event ADD COLUMN parked_at timestamptz;
ALTER TABLE outbox_event ADD COLUMN parked_reason text;
-- The relay claims and counts only rows that are not parked, oldest first.
CREATE INDEX outbox_event_unparked ON outbox_event (id) WHERE parked_at IS NULL;
