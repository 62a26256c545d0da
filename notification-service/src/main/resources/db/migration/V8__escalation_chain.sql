-- Issue 16, section 1: the escalation chain. An URGENT escalation nobody acknowledges is sent again, as numbered steps, to
-- the patient's clinicians and to the clinic's on-call addresses, at growing intervals, until it is acknowledged or
-- withdrawn or the last step went out (docs/notifications.md, "The escalation chain").

-- The clinic's on-call addresses (one list for the clinic, in the given order; PUT /on-call replaces it).
CREATE TABLE on_call_contact (
    position   int         PRIMARY KEY,
    email      text        NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by text        NOT NULL
);
CREATE UNIQUE INDEX on_call_contact_email ON on_call_contact (lower(email));

-- One row per URGENT escalation: the chain's next step and when it is due. The chain worker claims due ACTIVE rows with
-- FOR UPDATE SKIP LOCKED and, in the same transaction, writes the step's delivery rows and moves the row on (next step,
-- or COMPLETED after the last): a step is written once, and never lost to an instance that died before its commit.
-- An acknowledgement or withdrawal sets the state in the transaction that consumes it (a row is written in that state
-- if the escalation was not seen raised yet, so a late EscalationRaised starts no chain).
CREATE TABLE escalation_chain (
    escalation_id               uuid        PRIMARY KEY,
    event_id                    uuid        NOT NULL,
    patient_id                  text        NOT NULL,
    rule                        text        NOT NULL,
    reason                      text        NOT NULL,
    raised_at                   timestamptz NOT NULL,
    episode_started_at          timestamptz,
    episode_started_offset_secs integer,
    state                       text        NOT NULL CHECK (state IN ('ACTIVE', 'ACKNOWLEDGED', 'WITHDRAWN', 'COMPLETED')),
    -- The step written next (1 = the first reminder); after the last one, the number of steps written + 1.
    next_step                   int         NOT NULL CHECK (next_step >= 1),
    next_step_at                timestamptz NOT NULL,
    stopped_at                  timestamptz,
    -- Who acknowledged it (the clinician's subject id, from the event); null otherwise.
    stopped_by                  text,
    created_at                  timestamptz NOT NULL,
    updated_at                  timestamptz NOT NULL
);
CREATE INDEX escalation_chain_due ON escalation_chain (next_step_at) WHERE state = 'ACTIVE';

-- Each step is a delivery with its step number: 0 is the escalation's first email, 1.. the chain's steps. The unique
-- index that keeps one email per escalation and recipient now keeps one per escalation, step and recipient.
ALTER TABLE delivery ADD COLUMN step int NOT NULL DEFAULT 0 CHECK (step >= 0);
DROP INDEX delivery_escalation_recipient;
CREATE UNIQUE INDEX delivery_escalation_step_recipient ON delivery (escalation_id, step, (COALESCE(lower(recipient), '')));
