-- Projektpläne (in-depth plans of Maßnahmen). Filled in by the Projektplan work.
SELECT 1;
