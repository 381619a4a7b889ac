//! Search text that ignores case and the spelling of umlauts: "Bürgerbus" is found by
//! "buergerbus" and "burgerbus", "Straße" by "strasse".

/// Folds text to the form used for matching: lower case, umlauts and their
/// transcriptions (ae, oe, ue) to the bare vowel, ß to ss, other accents dropped,
/// runs of anything that is not a letter or digit to one space.
pub fn falten(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' | 'á' | 'à' | 'â' => out.push('a'),
            'ö' | 'ó' | 'ò' | 'ô' => out.push('o'),
            'ü' | 'ú' | 'ù' | 'û' => out.push('u'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'ß' => out.push_str("ss"),
            c if c.is_alphanumeric() => out.push(c),
            _ => {
                if !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ');
                }
            }
        }
    }
    let mut s = out.trim_end().to_owned();
    // Repeated until nothing changes, so that folding twice gives the same as once.
    loop {
        let next = umlaute(&s);
        if next == s {
            return s;
        }
        s = next;
    }
}

/// "ae", "oe", "ue" stand for ä, ö, ü, except after a vowel ("Feuer", "neue") and in "qu".
fn umlaute(s: &str) -> String {
    let mut folded = String::with_capacity(s.len());
    let b: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        let prev = if i > 0 { b.get(i - 1).copied() } else { None };
        let after_vowel = prev.is_some_and(|p| "aeiouy".contains(p));
        if matches!(c, 'a' | 'o' | 'u')
            && next == Some('e')
            && !after_vowel
            && !(c == 'u' && prev == Some('q'))
        {
            folded.push(c);
            i += 2;
            continue;
        }
        folded.push(c);
        i += 1;
    }
    folded
}

/// Whether every word of the query occurs in the folded text.
pub fn passt(gefaltet: &str, anfrage: &str) -> bool {
    falten(anfrage)
        .split(' ')
        .filter(|w| !w.is_empty())
        .all(|w| gefaltet.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn umlauts_and_their_spellings_meet() {
        let t = falten("Bürgerbus für die Straße");
        for q in [
            "buergerbus",
            "burgerbus",
            "Bürgerbus",
            "BÜRGERBUS",
            "strasse",
            "Straße",
            "fuer",
        ] {
            assert!(passt(&t, q), "{q}");
        }
        assert!(!passt(&t, "rufbus"));
        assert!(passt(&falten("Öffentliches WLAN"), "oeffentliches wlan"));
        assert!(passt(&falten("Feuerwehr-App"), "feuerwehr"));
        assert!(passt(&falten("Quelle"), "quelle"));
    }

    proptest! {
        #[test]
        fn folding_is_idempotent(s in "\\PC{0,40}") {
            let once = falten(&s);
            prop_assert_eq!(falten(&once), once);
        }

        #[test]
        fn a_text_always_finds_its_own_words(s in "[a-zA-ZäöüÄÖÜß ]{1,40}") {
            prop_assert!(passt(&falten(&s), &s));
        }
    }
}
