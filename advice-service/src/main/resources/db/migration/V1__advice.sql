-- advice-service: its own projection of episodes, the patients' profiles, escalations and the
-- bookkeeping that makes consuming cramp-episodes idempotent and order independent.

-- Every consumed event id, written in the same transaction as the change it caused.
CREATE TABLE processed_event (
    event_id     uuid        PRIMARY KEY,
    type         text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);

-- Live episodes (a retracted one is deleted here and remembered in retracted_episode).
CREATE TABLE episode (
    id                   uuid        PRIMARY KEY,
    patient_id           text        NOT NULL,
    started_at           timestamptz NOT NULL,
    started_offset_secs  integer     NOT NULL,
    duration_seconds     integer     NOT NULL,
    site                 text        NOT NULL,
    side                 text        NOT NULL,
    pain_score           integer     NOT NULL,
    woke_from_sleep      boolean     NOT NULL,
    relieved_by          text[]      NOT NULL,
    symptoms             text[]      NOT NULL,
    exposures            text[]      NOT NULL,
    recorded_at          timestamptz NOT NULL
);
-- Every rule reads a bounded window of one patient's history through this index.
CREATE INDEX episode_patient_started ON episode (patient_id, started_at);

-- Retractions, kept so that an EpisodeLogged arriving after its EpisodeRetracted is ignored.
CREATE TABLE retracted_episode (
    episode_id   uuid        PRIMARY KEY,
    patient_id   text        NOT NULL,
    retracted_at timestamptz NOT NULL
);

CREATE TABLE patient_profile (
    patient_id  text        PRIMARY KEY,
    birth_year  integer,
    pregnant    boolean     NOT NULL DEFAULT false,
    time_zone   text,
    conditions  text[]      NOT NULL,
    medicines   text[]      NOT NULL,
    updated_at  timestamptz NOT NULL,
    updated_by  text        NOT NULL
);

CREATE TABLE escalation (
    id               uuid        PRIMARY KEY,
    patient_id       text        NOT NULL,
    rule             text        NOT NULL,
    level            text        NOT NULL,
    level_rank       integer     NOT NULL,
    status           text        NOT NULL CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'WITHDRAWN')),
    reason           text        NOT NULL,
    episode_ids      uuid[]      NOT NULL,
    -- URGENT per-episode rules: the offending episode (one escalation per episode and rule).
    trigger_episode  uuid,
    raised_at        timestamptz NOT NULL,
    acknowledged_at  timestamptz,
    acknowledged_by  text,
    acknowledge_note text,
    withdrawn_at     timestamptz
);
CREATE UNIQUE INDEX escalation_one_per_episode ON escalation (patient_id, rule, trigger_episode)
    WHERE trigger_episode IS NOT NULL;
-- A SEE_DOCTOR rule keeps at most one OPEN escalation per patient.
CREATE UNIQUE INDEX escalation_one_open_see_doctor ON escalation (patient_id, rule)
    WHERE status = 'OPEN' AND level = 'SEE_DOCTOR';
-- The clinic's work list: most urgent first, then oldest first.
CREATE INDEX escalation_work_list ON escalation (status, level_rank DESC, raised_at, id);
CREATE INDEX escalation_patient ON escalation (patient_id, status);
-- Which escalations rest on which episode (retraction looks them up).
CREATE INDEX escalation_evidence ON escalation USING gin (episode_ids);

-- PERSISTENT_OVER_TWO_WEEKS raises at most once per run: the runs it has raised for, as the
-- span of reported start times seen so far, each linked to the escalation that covers it.
CREATE TABLE persistent_run (
    id            bigserial   PRIMARY KEY,
    patient_id    text        NOT NULL,
    first_at      timestamptz NOT NULL,
    last_at       timestamptz NOT NULL,
    escalation_id uuid        NOT NULL REFERENCES escalation (id)
);
CREATE INDEX persistent_run_patient ON persistent_run (patient_id, last_at);
