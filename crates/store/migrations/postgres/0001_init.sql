-- Werkstatt schema, version 1 (PostgreSQL). Keep in step with migrations/sqlite/0001_init.sql:
-- the same tables, columns and nullability (a test compares both).
-- Ids are UUIDv7 text made in Rust; times are Unix milliseconds from the application clock.

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL
);

CREATE TABLE kommunen (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    art TEXT NOT NULL,
    ags TEXT NOT NULL UNIQUE,
    ars TEXT,
    einwohner BIGINT NOT NULL,
    parent_id TEXT REFERENCES kommunen(id),
    created_at BIGINT NOT NULL
);

CREATE TABLE werkstaetten (
    id TEXT PRIMARY KEY,
    titel TEXT NOT NULL,
    datum TEXT NOT NULL,
    ort TEXT NOT NULL,
    phase TEXT NOT NULL,
    join_code TEXT NOT NULL UNIQUE,
    observer_code TEXT NOT NULL UNIQUE,
    created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    version BIGINT NOT NULL
);

CREATE TABLE werkstatt_kommunen (
    werkstatt_id TEXT NOT NULL REFERENCES werkstaetten(id) ON DELETE CASCADE,
    kommune_id TEXT NOT NULL REFERENCES kommunen(id),
    position BIGINT NOT NULL,
    PRIMARY KEY (werkstatt_id, kommune_id)
);

CREATE TABLE werkstatt_moderation (
    werkstatt_id TEXT NOT NULL REFERENCES werkstaetten(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (werkstatt_id, user_id)
);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
    werkstatt_id TEXT REFERENCES werkstaetten(id) ON DELETE CASCADE,
    teilnehmende_id TEXT,
    lang TEXT,
    expires_at BIGINT NOT NULL
);

CREATE TABLE felder (
    id TEXT PRIMARY KEY,
    werkstatt_id TEXT NOT NULL REFERENCES werkstaetten(id) ON DELETE CASCADE,
    slug TEXT,
    name TEXT NOT NULL,
    beschreibung TEXT NOT NULL,
    position BIGINT NOT NULL,
    gewaehlt BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (werkstatt_id, name)
);

CREATE TABLE teilnehmende (
    id TEXT PRIMARY KEY,
    werkstatt_id TEXT NOT NULL REFERENCES werkstaetten(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    sektor TEXT NOT NULL,
    kommune_id TEXT REFERENCES kommunen(id),
    created_at BIGINT NOT NULL
);

CREATE TABLE feldstimmen (
    werkstatt_id TEXT NOT NULL REFERENCES werkstaetten(id) ON DELETE CASCADE,
    feld_id TEXT NOT NULL REFERENCES felder(id) ON DELETE CASCADE,
    teilnehmende_id TEXT NOT NULL REFERENCES teilnehmende(id) ON DELETE CASCADE,
    punkte BIGINT NOT NULL,
    PRIMARY KEY (feld_id, teilnehmende_id)
);

CREATE TABLE gruppen_mitglieder (
    feld_id TEXT NOT NULL REFERENCES felder(id) ON DELETE CASCADE,
    teilnehmende_id TEXT NOT NULL REFERENCES teilnehmende(id) ON DELETE CASCADE,
    PRIMARY KEY (feld_id, teilnehmende_id)
);

CREATE TABLE ziele (
    feld_id TEXT PRIMARY KEY REFERENCES felder(id) ON DELETE CASCADE,
    werkstatt_id TEXT NOT NULL REFERENCES werkstaetten(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    version BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE massnahmen (
    id TEXT PRIMARY KEY,
    werkstatt_id TEXT NOT NULL REFERENCES werkstaetten(id) ON DELETE CASCADE,
    feld_id TEXT NOT NULL REFERENCES felder(id) ON DELETE CASCADE,
    titel TEXT NOT NULL,
    beschreibung TEXT NOT NULL,
    umsetzung TEXT NOT NULL,
    monate BIGINT,
    aufwand BIGINT,
    nutzen BIGINT,
    federfuehrung TEXT NOT NULL,
    status TEXT NOT NULL,
    steckbrief_id TEXT,
    proxy BOOLEAN NOT NULL,
    created_by TEXT,
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE INDEX massnahmen_werkstatt ON massnahmen (werkstatt_id, created_at);
CREATE INDEX felder_werkstatt ON felder (werkstatt_id, position);
CREATE INDEX teilnehmende_werkstatt ON teilnehmende (werkstatt_id);
CREATE INDEX feldstimmen_werkstatt ON feldstimmen (werkstatt_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);
