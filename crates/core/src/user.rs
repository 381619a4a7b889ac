//! Accounts of admins and facilitators, and the roles of everyone else.

use serde::{Deserialize, Serialize};

use crate::error::{FieldError, FieldErrors};
use crate::text;

/// Roles: admins and facilitators have accounts; participants and observers join by link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Admin,
    Facilitator,
    Participant,
    Observer,
}

impl Role {
    pub fn slug(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Facilitator => "facilitator",
            Self::Participant => "participant",
            Self::Observer => "observer",
        }
    }

    /// Only account roles can be stored for users.
    pub fn parse_account(field: &str, raw: &str) -> Result<Self, FieldError> {
        match raw.trim() {
            "admin" => Ok(Self::Admin),
            "facilitator" => Ok(Self::Facilitator),
            _ => Err(FieldError::new(field, "err-unknown-choice")),
        }
    }
}

/// A lower-cased e-mail address with one `@` and a dot in the domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let s = text::line(field, raw, 3, 254)?.to_lowercase();
        let ok = match s.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !s.contains(char::is_whitespace)
            }
            None => false,
        };
        if ok {
            Ok(Self(s))
        } else {
            Err(FieldError::new(field, "err-email"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

pub const MIN_PASSWORD: usize = 10;

/// A password long enough to resist guessing; never stored, only hashed.
pub fn parse_password(field: &str, raw: &str) -> Result<String, FieldError> {
    let len = raw.chars().count();
    if len < MIN_PASSWORD {
        return Err(FieldError::new(field, "err-password-short").arg("min", MIN_PASSWORD));
    }
    if len > 200 {
        return Err(FieldError::new(field, "err-too-long").arg("max", 200));
    }
    Ok(raw.to_owned())
}

/// A validated new account.
#[derive(Debug, Clone)]
pub struct NeuerUser {
    pub email: Email,
    pub name: String,
    pub role: Role,
}

impl NeuerUser {
    pub fn parse(email: &str, name: &str, role: &str) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::default();
        let email = e.take(Email::parse("email", email));
        let name = e.take(text::name("name", name, 2, 80));
        let role = e.take(Role::parse_account("role", role));
        match (email, name, role) {
            (Some(email), Some(name), Some(role)) if e.is_empty() => Ok(Self { email, name, role }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(
            Email::parse("e", " Anna@VG-Altenwald.de ").unwrap().as_str(),
            "anna@vg-altenwald.de"
        );
        for bad in ["anna", "anna@", "@x.de", "a@b", "a b@c.de", "a@b@c.de", "a@.de"] {
            assert!(Email::parse("e", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn passwords_and_roles() {
        assert_eq!(
            parse_password("p", "kurz").unwrap_err().code,
            "err-password-short"
        );
        assert!(parse_password("p", "lang genug, wirklich").is_ok());
        assert!(Role::parse_account("r", "participant").is_err());
        assert_eq!(Role::parse_account("r", "admin").unwrap(), Role::Admin);
    }
}
