-- Issue 11, finding 1: a claim is one row with a lease of its own.
-- claim_token: a fresh id per claim. Only the sender holding this token may record the attempt's
--              outcome; a sender whose lease was taken away can no longer overwrite the row.
-- lease_until: until when the claim holds. The sender sets it at the claim and renews it right before
--              it hands the message to SMTP; a SENDING row past its lease goes back to PENDING (its
--              attempt stays counted) or, with no attempts left, to FAILED.
ALTER TABLE delivery ADD COLUMN claim_token uuid;
ALTER TABLE delivery ADD COLUMN lease_until timestamptz;
UPDATE delivery SET lease_until = claimed_at + interval '5 minutes' WHERE status = 'SENDING';
DROP INDEX delivery_sending;
CREATE INDEX delivery_sending ON delivery (lease_until) WHERE status = 'SENDING';
