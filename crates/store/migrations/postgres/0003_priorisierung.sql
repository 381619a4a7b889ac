-- Prioritisation rounds, their ballots and the decision on the ranking; moderation
-- settings of a Werkstatt. Keep in step with migrations/sqlite/0003_priorisierung.sql.

CREATE TABLE runden (
    id TEXT PRIMARY KEY,
    werkstatt_id TEXT NOT NULL REFERENCES werkstaetten(id) ON DELETE CASCADE,
    methode TEXT NOT NULL,
    titel TEXT NOT NULL,
    status TEXT NOT NULL,
    einstellungen TEXT NOT NULL,
    optionen TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    closed_at BIGINT,
    version BIGINT NOT NULL
);

-- The participant link is kept only to enforce budgets and to let people change their
-- own ballot while the round is open; no view or export shows it.
CREATE TABLE stimmzettel (
    id TEXT PRIMARY KEY,
    runde_id TEXT NOT NULL REFERENCES runden(id) ON DELETE CASCADE,
    teilnehmende_id TEXT REFERENCES teilnehmende(id) ON DELETE SET NULL,
    proxy BOOLEAN NOT NULL,
    inhalt TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (runde_id, teilnehmende_id)
);

CREATE TABLE rangfolge (
    werkstatt_id TEXT PRIMARY KEY REFERENCES werkstaetten(id) ON DELETE CASCADE,
    runde_id TEXT REFERENCES runden(id) ON DELETE SET NULL,
    korrekturen TEXT NOT NULL,
    top_n BIGINT NOT NULL,
    vertiefung TEXT NOT NULL,
    version BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE INDEX runden_werkstatt ON runden (werkstatt_id, created_at);
CREATE INDEX stimmzettel_runde ON stimmzettel (runde_id);

ALTER TABLE werkstaetten ADD COLUMN gesperrt BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE werkstaetten ADD COLUMN timer_titel TEXT;
ALTER TABLE werkstaetten ADD COLUMN timer_ende BIGINT;
ALTER TABLE werkstaetten ADD COLUMN timer_rest BIGINT;
ALTER TABLE werkstaetten ADD COLUMN agenda TEXT NOT NULL DEFAULT '[]';
