-- Issue 18: the patient's URGENT email says "now" only for a recent episode. The escalation event's
-- optional escalation.episodeStartedAt (when the latest episode of the evidence started, as the patient
-- reported it) is kept with each delivery, so the text is worded when the mail is sent.
-- Both columns are NULL for rows written before this version and for events without the field;
-- the email then goes by raised_at.
ALTER TABLE delivery ADD COLUMN episode_started_at timestamptz;
ALTER TABLE delivery ADD COLUMN episode_started_offset_secs integer;
