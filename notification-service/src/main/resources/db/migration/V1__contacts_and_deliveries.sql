-- notification-service: who is told about a patient's escalations, and every email it owes them.

-- The patient's own address and the lowest level it wants (both optional), one row per patient.
CREATE TABLE contact_set (
    patient_id        text        PRIMARY KEY,
    patient_email     text,
    patient_min_level text        CHECK (patient_min_level IN ('SEE_DOCTOR', 'URGENT')),
    updated_at        timestamptz NOT NULL,
    updated_by        text        NOT NULL,
    CHECK ((patient_email IS NULL) = (patient_min_level IS NULL))
);

-- The clinicians told about this patient, in the order they were given.
CREATE TABLE clinician_contact (
    patient_id text NOT NULL REFERENCES contact_set (patient_id) ON DELETE CASCADE,
    position   int  NOT NULL,
    email      text NOT NULL,
    min_level  text NOT NULL CHECK (min_level IN ('SEE_DOCTOR', 'URGENT')),
    PRIMARY KEY (patient_id, position)
);

-- Idempotent consumption: an event id is recorded in the same transaction as its effects.
CREATE TABLE processed_event (
    event_id     uuid        PRIMARY KEY,
    type         text        NOT NULL,
    processed_at timestamptz NOT NULL
);

-- Escalations withdrawn before (or after) they were raised here: a late EscalationRaised for one of
-- these creates no mail.
CREATE TABLE withdrawn_escalation (
    escalation_id uuid        PRIMARY KEY,
    withdrawn_at  timestamptz NOT NULL
);

-- One row per escalation and recipient (or one NO_RECIPIENT row when nobody wanted it).
-- SENDING is the claim taken, and committed, before the SMTP conversation starts.
CREATE TABLE delivery (
    id              uuid        PRIMARY KEY,
    escalation_id   uuid        NOT NULL,
    event_id        uuid        NOT NULL,
    patient_id      text        NOT NULL,
    recipient       text,
    audience        text        CHECK (audience IN ('PATIENT', 'CLINICIAN')),
    level           text        NOT NULL CHECK (level IN ('SEE_DOCTOR', 'URGENT')),
    rule            text        NOT NULL,
    reason          text        NOT NULL,
    raised_at       timestamptz NOT NULL,
    status          text        NOT NULL CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'CANCELLED', 'NO_RECIPIENT')),
    attempts        int         NOT NULL DEFAULT 0,
    last_error      text,
    not_before      timestamptz NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    claimed_at      timestamptz,
    sent_at         timestamptz,
    smtp_message_id text,
    CHECK ((status = 'NO_RECIPIENT') = (recipient IS NULL)),
    CHECK ((recipient IS NULL) = (audience IS NULL))
);
-- Never two emails for the same escalation and recipient (and one NO_RECIPIENT row at most).
CREATE UNIQUE INDEX delivery_escalation_recipient ON delivery (escalation_id, (COALESCE(lower(recipient), '')));
CREATE INDEX delivery_due ON delivery (not_before, id) WHERE status = 'PENDING';
CREATE INDEX delivery_sending ON delivery (claimed_at) WHERE status = 'SENDING';
CREATE INDEX delivery_log ON delivery (created_at DESC, id DESC);
CREATE INDEX delivery_patient_log ON delivery (patient_id, created_at DESC, id DESC);
