-- Tables every CrampWatch service has, used by crampwatch-common: the transactional outbox and the
-- audit trail. Services list this location in quarkus.flyway.locations (db/migration,db/common);
-- their own migrations start at V1.

CREATE TABLE outbox_event (
    id         bigserial   PRIMARY KEY,
    event_id   uuid        NOT NULL UNIQUE,
    topic      text        NOT NULL,
    msg_key    text        NOT NULL,
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_log (
    id         bigserial   PRIMARY KEY,
    actor      text        NOT NULL,
    patient_id text,
    action     text        NOT NULL,
    outcome    text        NOT NULL,
    at         timestamptz NOT NULL
);
CREATE INDEX audit_log_patient_at ON audit_log (patient_id, at);
CREATE INDEX audit_log_actor_at ON audit_log (actor, at);
