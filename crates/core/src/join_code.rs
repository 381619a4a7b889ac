//! Join codes: short, random, easy to read aloud and to type on a phone.

use crate::error::FieldError;

/// Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L).
pub const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
pub const LEN: usize = 8;

/// A join code such as `K7PM-3XQA`; stored without the dash.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct JoinCode(String);

impl JoinCode {
    /// Builds a code from 16 random bytes supplied by the caller (the domain has no randomness).
    /// 31^8 ≈ 8.5 · 10^11 codes; together with the rate limit on joins they cannot be guessed.
    pub fn from_random(bytes: [u8; 16]) -> Self {
        let mut n = u128::from_le_bytes(bytes);
        let base = ALPHABET.len() as u128;
        let mut s = String::with_capacity(LEN);
        for _ in 0..LEN {
            let i = (n % base) as usize;
            n /= base;
            s.push(char::from(ALPHABET.get(i).copied().unwrap_or(b'A')));
        }
        Self(s)
    }

    /// Accepts what people type: any case, spaces and dashes.
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let s: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if s.is_empty() {
            return Err(FieldError::new(field, "err-required"));
        }
        if s.len() != LEN || !s.bytes().all(|b| ALPHABET.contains(&b)) {
            return Err(FieldError::new(field, "err-join-code"));
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form shown to people: two groups of four.
    pub fn display(&self) -> String {
        let (a, b) = self.0.split_at(LEN / 2);
        format!("{a}-{b}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn every_random_code_parses_back(bytes in any::<[u8; 16]>()) {
            let c = JoinCode::from_random(bytes);
            prop_assert_eq!(JoinCode::parse("code", &c.display()).unwrap(), c.clone());
            prop_assert_eq!(JoinCode::parse("code", &c.as_str().to_lowercase()).unwrap(), c);
        }
    }

    #[test]
    fn rejects_ambiguous_characters() {
        assert_eq!(
            JoinCode::parse("code", "ABCD-EFG0").unwrap_err().code,
            "err-join-code"
        );
        assert_eq!(JoinCode::parse("code", "ABC").unwrap_err().code, "err-join-code");
        assert_eq!(JoinCode::parse("code", "  ").unwrap_err().code, "err-required");
        assert_eq!(
            JoinCode::parse("code", "abcd efgh").unwrap().display(),
            "ABCD-EFGH"
        );
    }
}
