//! Errors of the domain layer.
//!
//! A [`FieldError`] names the field and an i18n message key (with arguments), so the web
//! layer can show a translated message next to the field and the API can name the field.

use serde::Serialize;

/// One invalid input value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The form or JSON field, e.g. `titel` or `kommunen[1].ags`.
    pub field: String,
    /// The i18n key of the message, e.g. `err-too-long`.
    pub code: &'static str,
    /// Arguments of the message, e.g. `("max", "120")`.
    pub args: Vec<(&'static str, String)>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &'static str) -> Self {
        Self {
            field: field.into(),
            code,
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    /// The same error for a field nested under `prefix` (used by the bundle).
    pub fn under(mut self, prefix: &str) -> Self {
        self.field = if self.field.is_empty() {
            prefix.to_owned()
        } else {
            format!("{prefix}.{}", self.field)
        };
        self
    }
}

/// Several field errors collected from one form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn push(&mut self, e: FieldError) {
        self.0.push(e);
    }

    /// Keeps the value when it parsed, records the error otherwise.
    pub fn take<T>(&mut self, r: Result<T, FieldError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(e);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_result(self) -> Result<(), DomainError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(DomainError::Invalid(self))
        }
    }
}

impl From<FieldError> for FieldErrors {
    fn from(e: FieldError) -> Self {
        Self(vec![e])
    }
}

/// Errors of domain operations.
#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    #[error("invalid input: {0:?}")]
    Invalid(FieldErrors),
    #[error("not found")]
    NotFound,
    #[error("not allowed")]
    Forbidden,
    #[error("not allowed in this phase")]
    WrongPhase,
    #[error("conflict: {0}")]
    Conflict(&'static str),
}

impl From<FieldError> for DomainError {
    fn from(e: FieldError) -> Self {
        Self::Invalid(e.into())
    }
}

impl From<FieldErrors> for DomainError {
    fn from(e: FieldErrors) -> Self {
        Self::Invalid(e)
    }
}
