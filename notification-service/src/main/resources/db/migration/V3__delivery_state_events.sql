-- Issue 11, finding 9: a delivery's visible status (PENDING, SENT, FAILED, CANCELLED, NO_RECIPIENT) is
-- published as a DeliveryStatusChanged event through the outbox, so advice-service's work list shows it.
-- state_version: from one sequence, set anew at every published change, so a consumer keeps per delivery
-- the event with the highest version whatever order the events arrive in. 0 = never published.
CREATE SEQUENCE delivery_state_version;
ALTER TABLE delivery ADD COLUMN state_version bigint NOT NULL DEFAULT 0;
