-- Who proposed a field (a participant's id; NULL for the standard fields and a
-- facilitator's own), so that the limits of werkstatt_core::grenzen count per person.
-- Keep in step with migrations/sqlite/0006_grenzen.sql.
ALTER TABLE felder ADD COLUMN created_by TEXT;
