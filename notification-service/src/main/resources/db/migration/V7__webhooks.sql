-- Issue 17: webhooks. A subscription (an integration's receiver URL, its signing secret, the event types it wants and
-- optionally the patients) and one delivery row per event and subscription, written in the transaction that consumes
-- the event (outbox style) and worked off by the webhook sender (docs/webhooks.md).
CREATE TABLE webhook_subscription (
    id                     uuid        PRIMARY KEY,
    owner                  text        NOT NULL,
    url                    text        NOT NULL,
    secret                 text        NOT NULL,
    -- After a rotation the previous secret also signs, until previous_secret_until (receivers switch without a gap).
    previous_secret        text,
    previous_secret_until  timestamptz,
    event_types            text[]      NOT NULL,
    -- NULL: every patient.
    patient_ids            text[],
    status                 text        NOT NULL CHECK (status IN ('ACTIVE', 'PAUSED')),
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL
);
CREATE INDEX webhook_subscription_owner ON webhook_subscription (owner, created_at, id);

CREATE SEQUENCE webhook_delivery_seq;

-- seq orders one subscription's deliveries of one patient: the sender sends a patient's next event only once the
-- previous one is no longer PENDING or SENDING.
CREATE TABLE webhook_delivery (
    id                 uuid        PRIMARY KEY,
    seq                bigint      NOT NULL DEFAULT nextval('webhook_delivery_seq'),
    subscription_id    uuid        NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
    event_id           uuid        NOT NULL,
    event_type         text        NOT NULL,
    patient_id         text        NOT NULL,
    body               text        NOT NULL,
    status             text        NOT NULL CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED')),
    attempts           int         NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz NOT NULL,
    lease_until        timestamptz,
    last_attempt_at    timestamptz,
    last_response_code int,
    last_error         text,
    delivered_at       timestamptz,
    created_at         timestamptz NOT NULL,
    UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at, seq) WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX webhook_delivery_order ON webhook_delivery (subscription_id, patient_id, seq) WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX webhook_delivery_log ON webhook_delivery (subscription_id, seq DESC);
