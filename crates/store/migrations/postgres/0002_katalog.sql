-- The catalogue (Steckbriefe, best practices). Keep in step with migrations/sqlite/0002_katalog.sql.
-- `daten` holds the entry as JSON; `geaendert` marks entries a user changed, which a
-- catalogue upgrade never overwrites.

CREATE TABLE steckbriefe (
    id TEXT PRIMARY KEY,
    handlungsfeld TEXT NOT NULL,
    titel TEXT NOT NULL,
    aufwand BIGINT NOT NULL,
    umsetzung TEXT NOT NULL,
    daten TEXT NOT NULL,
    suchtext TEXT NOT NULL,
    herkunft TEXT NOT NULL,
    geaendert BOOLEAN NOT NULL,
    fingerprint TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE best_practices (
    id TEXT PRIMARY KEY,
    titel TEXT NOT NULL,
    daten TEXT NOT NULL,
    herkunft TEXT NOT NULL,
    geaendert BOOLEAN NOT NULL,
    fingerprint TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE katalog_meta (
    schluessel TEXT PRIMARY KEY,
    wert TEXT NOT NULL
);

CREATE INDEX steckbriefe_feld ON steckbriefe (handlungsfeld, titel);
CREATE INDEX massnahmen_steckbrief ON massnahmen (steckbrief_id);
