-- Issue 18: a profile medicine may carry the day it was started (the NEW_MEDICINE rule looks at it).
-- medicine_started_on[i] belongs to medicines[i]; NULL where no start date was given.
ALTER TABLE patient_profile ADD COLUMN medicine_started_on date[];
