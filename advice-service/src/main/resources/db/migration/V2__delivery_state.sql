-- Issue 11, finding 9: the email deliveries of each escalation as notification-service last reported
-- them (DeliveryStatusChanged events on cramp-deliveries), so the work list shows SENT, PENDING or FAILED.
-- Per delivery the event with the highest version wins; no addresses are kept here.
CREATE TABLE escalation_delivery (
    delivery_id   uuid        PRIMARY KEY,
    escalation_id uuid        NOT NULL,
    patient_id    text        NOT NULL,
    audience      text        CHECK (audience IN ('PATIENT', 'CLINICIAN')),
    status        text        NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'CANCELLED', 'NO_RECIPIENT')),
    attempts      int         NOT NULL,
    version       bigint      NOT NULL,
    updated_at    timestamptz NOT NULL
);
CREATE INDEX escalation_delivery_escalation ON escalation_delivery (escalation_id);
