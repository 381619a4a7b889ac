-- The legal pages of the instance (Impressum, Datenschutzerklärung, Erklärung zur
-- Barrierefreiheit) as the administrator wrote them; a missing row shows the default text.
-- Keep in step with migrations/postgres/0007_rechtstexte.sql.
CREATE TABLE rechtstexte (
    art TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
