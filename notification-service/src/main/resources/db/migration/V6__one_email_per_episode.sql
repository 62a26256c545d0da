-- Issue 18 (domain.md, "One message per episode"): the escalations one episode's arrival raised together are sent
-- to a recipient as one email at the highest level, listing each reason.
-- triggered_by:    the episode whose arrival raised the escalation (the event's optional escalation.triggeredBy);
--                  NULL for rows written before this version and for escalations no arrival raised: sent alone.
-- A recipient's deliveries with the same (patient_id, triggered_by, audience, recipient) form one group; the sender
-- claims the group's leader (highest level, then lowest id) and the rest of the group in the same claim.
ALTER TABLE delivery ADD COLUMN triggered_by uuid;
CREATE INDEX delivery_group ON delivery (patient_id, triggered_by) WHERE triggered_by IS NOT NULL;
