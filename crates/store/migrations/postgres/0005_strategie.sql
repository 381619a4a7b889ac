-- The Digitalstrategie of a Werkstatt. Keep in step with migrations/sqlite/0005_strategie.sql.
-- strategien: one row per Werkstatt, created on the first edit. `texte` is the JSON of
-- werkstatt_core::strategie::texte::Freitexte; `organigramm` and `schritte` are JSON and
-- NULL while the proposal is in effect; `version` counts changes (optimistic concurrency).
-- strategie_versionen: generated snapshots of the document (JSON of
-- werkstatt_core::strategie::Dokument) with their status.

CREATE TABLE strategien (
    werkstatt_id TEXT PRIMARY KEY REFERENCES werkstaetten(id) ON DELETE CASCADE,
    texte TEXT NOT NULL,
    organigramm TEXT,
    schritte TEXT,
    version BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE strategie_versionen (
    id TEXT PRIMARY KEY,
    werkstatt_id TEXT NOT NULL REFERENCES werkstaetten(id) ON DELETE CASCADE,
    nummer BIGINT NOT NULL,
    status TEXT NOT NULL,
    beschlossen_am TEXT,
    notiz TEXT NOT NULL,
    dokument TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (werkstatt_id, nummer)
);
