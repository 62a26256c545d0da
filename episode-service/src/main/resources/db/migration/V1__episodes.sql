-- Cramp episodes as the patient reported them. started_at is the instant; started_offset_seconds keeps
-- the UTC offset the patient reported it in (the night an episode belongs to depends on it).
CREATE TABLE episode (
    id                     uuid        PRIMARY KEY,
    patient_id             text        NOT NULL,
    started_at             timestamptz NOT NULL,
    started_offset_seconds integer     NOT NULL,
    duration_seconds       integer     NOT NULL CHECK (duration_seconds BETWEEN 1 AND 86400),
    site                   text        NOT NULL,
    side                   text        NOT NULL,
    pain_score             smallint    NOT NULL CHECK (pain_score BETWEEN 0 AND 10),
    woke_from_sleep        boolean     NOT NULL,
    relieved_by            text[]      NOT NULL,
    symptoms               text[]      NOT NULL,
    exposures              text[]      NOT NULL,
    notes                  text        CHECK (char_length(notes) <= 2000),
    recorded_at            timestamptz NOT NULL
);

-- Newest-first listing and windows per patient (keyset pagination on started_at, id).
CREATE INDEX episode_patient_started ON episode (patient_id, started_at DESC, id DESC);

-- Idempotency-Key: one row per (patient, key). It outlives a retracted episode, so a late retry of a
-- deleted entry does not bring it back.
CREATE TABLE idempotency_key (
    patient_id   text        NOT NULL,
    key          text        NOT NULL,
    request_hash text        NOT NULL,
    episode_id   uuid        NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (patient_id, key)
);
