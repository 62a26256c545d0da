-- Issue 17: the advice level last announced per patient (AdviceChanged on cramp-escalations). Each transaction that
-- raises, withdraws or acknowledges an escalation locks the patient's row, works the level out again and publishes
-- AdviceChanged when it moved: the row lock orders concurrent changes of one patient (an acknowledgement racing a new
-- episode), so every event's previousLevel is the level of the event before it. No row means SELF_CARE.
CREATE TABLE advice_level (
    patient_id  text        PRIMARY KEY,
    level       text        NOT NULL CHECK (level IN ('SELF_CARE', 'SEE_DOCTOR', 'URGENT')),
    changed_at  timestamptz NOT NULL
);
-- Patients with escalations before this version start from the level GET /advice shows (with the default 14 days
-- during which an acknowledged escalation still counts).
INSERT INTO advice_level (patient_id, level, changed_at)
SELECT patient_id, CASE max(level_rank) WHEN 2 THEN 'URGENT' WHEN 1 THEN 'SEE_DOCTOR' ELSE 'SELF_CARE' END, now()
FROM escalation
WHERE status = 'OPEN' OR (status = 'ACKNOWLEDGED' AND raised_at > now() - interval '14 days')
GROUP BY patient_id;
