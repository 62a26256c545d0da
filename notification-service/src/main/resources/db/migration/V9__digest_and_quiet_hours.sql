-- Issue 16, sections 2 and 3: the SEE_DOCTOR daily digest for clinicians and quiet hours for patients
-- (docs/notifications.md, "Daily digest" and "Quiet hours").

-- A clinician contact chooses how SEE_DOCTOR alerts reach it: IMMEDIATE (one email each, as before) or
-- DAILY_DIGEST (one email a day listing them). URGENT is always immediate.
ALTER TABLE clinician_contact ADD COLUMN see_doctor_delivery text NOT NULL DEFAULT 'IMMEDIATE'
    CHECK (see_doctor_delivery IN ('IMMEDIATE', 'DAILY_DIGEST'));

-- The patient's quiet hours (local times in the patient's time zone; both or neither). start > end spans midnight.
ALTER TABLE contact_set ADD COLUMN patient_quiet_start time;
ALTER TABLE contact_set ADD COLUMN patient_quiet_end time;
ALTER TABLE contact_set ADD CONSTRAINT contact_set_quiet_hours
    CHECK ((patient_quiet_start IS NULL) = (patient_quiet_end IS NULL) AND (patient_quiet_start IS NULL OR patient_quiet_start <> patient_quiet_end));

-- The patient's time zone as advice-service last reported it (EscalationRaised's optional escalation.patientTimeZone,
-- from the patient's profile). Quiet hours are read in this zone; without a row, in the clinic's zone.
CREATE TABLE patient_time_zone (
    patient_id text        PRIMARY KEY,
    zone       text        NOT NULL,
    seen_at    timestamptz NOT NULL
);

-- A digest: one email to one clinician address (lower-cased in recipient_key) for one local date of the clinic's
-- time zone. The primary key makes it exactly one, whichever instance gets there first, however often it restarts.
-- It is sent like a delivery: PENDING → SENDING (claim token, lease, fixed Message-ID) → SENT, or PENDING again with
-- backoff, or FAILED; CANCELLED when every escalation it listed was withdrawn before it went out.
CREATE TABLE digest (
    id              uuid        PRIMARY KEY,
    recipient_key   text        NOT NULL,
    local_date      date        NOT NULL,
    recipient       text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'CANCELLED')),
    attempts        int         NOT NULL DEFAULT 0,
    not_before      timestamptz NOT NULL,
    claim_token     uuid,
    lease_until     timestamptz,
    claimed_at      timestamptz,
    smtp_message_id text,
    last_error      text,
    sent_at         timestamptz,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    UNIQUE (recipient_key, local_date)
);
CREATE INDEX digest_due ON digest (not_before, id) WHERE status = 'PENDING';
CREATE INDEX digest_sending ON digest (lease_until) WHERE status = 'SENDING';

ALTER TABLE delivery DROP CONSTRAINT delivery_status_check;
ALTER TABLE delivery ADD CONSTRAINT delivery_status_check
    CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'CANCELLED', 'NO_RECIPIENT', 'DIGEST'));
-- A delivery owed to a digest has status DIGEST (not mailed on its own); the digest that takes it sets digest_id.
-- When the digest is sent its deliveries become SENT with the digest's Message-ID.
ALTER TABLE delivery ADD COLUMN digest_id uuid REFERENCES digest (id);
CREATE INDEX delivery_digest_owed ON delivery (lower(recipient), created_at) WHERE status = 'DIGEST' AND digest_id IS NULL;
CREATE INDEX delivery_digest_members ON delivery (digest_id) WHERE digest_id IS NOT NULL;

-- Quiet hours: a patient's non-URGENT delivery is due no earlier than the end of the quiet hours it was written in;
-- quiet_until keeps that end, so releasing an episode's group never pulls it forward.
ALTER TABLE delivery ADD COLUMN quiet_until timestamptz;
