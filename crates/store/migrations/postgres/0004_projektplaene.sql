-- Projektpläne: the in-depth plan of a Maßnahme selected for the Vertiefung, one per
-- Maßnahme. Keep in step with migrations/sqlite/0004_projektplaene.sql.
-- `daten` is the plan document as JSON (werkstatt_core::planung::projektplan::Projektplan);
-- `version` counts changes for optimistic concurrency.

CREATE TABLE projektplaene (
    massnahme_id TEXT PRIMARY KEY REFERENCES massnahmen(id) ON DELETE CASCADE,
    werkstatt_id TEXT NOT NULL REFERENCES werkstaetten(id) ON DELETE CASCADE,
    daten TEXT NOT NULL,
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE INDEX projektplaene_werkstatt ON projektplaene (werkstatt_id, created_at);
