//! Bounded, trimmed text: the building block of every free-text field.

use crate::error::FieldError;

/// Trims `raw`, rejects control characters and checks the length in characters.
/// `min == 0` makes the field optional (an empty string is allowed).
pub fn bounded(field: &str, raw: &str, min: usize, max: usize) -> Result<String, FieldError> {
    let s = raw.trim();
    let len = s.chars().count();
    if len == 0 && min > 0 {
        return Err(FieldError::new(field, "err-required"));
    }
    if len < min {
        return Err(FieldError::new(field, "err-too-short").arg("min", min));
    }
    if len > max {
        return Err(FieldError::new(field, "err-too-long").arg("max", max));
    }
    if s.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(FieldError::new(field, "err-control-chars"));
    }
    // Direction overrides make a text read differently from how it is stored (a title
    // that shows "gdp.exe" as "exe.pdg"); German municipal text never needs them.
    if s.chars().any(richtungswechsel) {
        return Err(FieldError::new(field, "err-invisible-chars"));
    }
    // Normalise line endings so that exports and comparisons see one form.
    Ok(s.replace("\r\n", "\n"))
}

/// Bidirectional embedding, override and isolate characters. The plain direction marks
/// (U+200E, U+200F) stay allowed: Hebrew or Arabic text needs them, and they reorder
/// nothing around them.
fn richtungswechsel(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that take no space: two names that look the same would differ by them.
fn unsichtbar(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}')
}

/// A person's display name: one line, and nothing invisible, so that a name shown in the
/// room is the name that is stored and two people cannot look alike by hidden characters.
pub fn name(field: &str, raw: &str, min: usize, max: usize) -> Result<String, FieldError> {
    let s = line(field, raw, min, max)?;
    if s.chars().any(unsichtbar) {
        return Err(FieldError::new(field, "err-invisible-chars"));
    }
    Ok(s)
}

/// A single-line variant: line breaks are rejected.
pub fn line(field: &str, raw: &str, min: usize, max: usize) -> Result<String, FieldError> {
    let s = bounded(field, raw, min, max)?;
    if s.contains('\n') || s.contains('\t') {
        return Err(FieldError::new(field, "err-single-line"));
    }
    Ok(s)
}

/// Parses an optional integer field from form text; empty means `None`.
pub fn opt_int(field: &str, raw: &str, min: i64, max: i64) -> Result<Option<i64>, FieldError> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let v: i64 = s
        .parse()
        .map_err(|_| FieldError::new(field, "err-not-a-number"))?;
    range(field, v, min, max).map(Some)
}

pub fn range(field: &str, v: i64, min: i64, max: i64) -> Result<i64, FieldError> {
    if v < min || v > max {
        return Err(FieldError::new(field, "err-range")
            .arg("min", min)
            .arg("max", max));
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_bounds() {
        assert_eq!(bounded("t", "  abc ", 1, 5).unwrap(), "abc");
        assert_eq!(bounded("t", "   ", 1, 5).unwrap_err().code, "err-required");
        assert_eq!(bounded("t", "abcdef", 1, 5).unwrap_err().code, "err-too-long");
        assert_eq!(bounded("t", "", 0, 5).unwrap(), "");
        // Umlauts count as one character each.
        assert_eq!(bounded("t", "äöüßÄ", 1, 5).unwrap(), "äöüßÄ");
    }

    #[test]
    fn rejects_control_characters_and_breaks_in_lines() {
        assert_eq!(
            bounded("t", "a\u{0}b", 1, 5).unwrap_err().code,
            "err-control-chars"
        );
        assert_eq!(line("t", "a\nb", 1, 5).unwrap_err().code, "err-single-line");
        assert_eq!(bounded("t", "a\r\nb", 1, 5).unwrap(), "a\nb");
    }

    #[test]
    fn rejects_direction_overrides_everywhere_and_invisible_characters_in_names() {
        for c in ['\u{202E}', '\u{202D}', '\u{2066}'] {
            let t = format!("Anna{c}Berg");
            assert_eq!(
                bounded("t", &t, 1, 20).unwrap_err().code,
                "err-invisible-chars",
                "{c:?}"
            );
        }
        for c in ['\u{200B}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}'] {
            let t = format!("An{c}na");
            assert_eq!(
                name("n", &t, 2, 20).unwrap_err().code,
                "err-invisible-chars",
                "{c:?}"
            );
        }
        assert_eq!(
            name("n", " Jürgen Groß-Bäcker ", 2, 30).unwrap(),
            "Jürgen Groß-Bäcker"
        );
        let hebraeisch = "\u{200F}עברית\u{200F}";
        assert_eq!(bounded("t", hebraeisch, 1, 20).unwrap(), hebraeisch);
    }

    #[test]
    fn optional_integers() {
        assert_eq!(opt_int("n", "", 1, 5).unwrap(), None);
        assert_eq!(opt_int("n", " 3 ", 1, 5).unwrap(), Some(3));
        assert_eq!(opt_int("n", "x", 1, 5).unwrap_err().code, "err-not-a-number");
        assert_eq!(opt_int("n", "6", 1, 5).unwrap_err().code, "err-range");
    }
}
