//! A submitted form kept for showing it again, with the error of each field.

use werkstatt_core::FieldErrors;

use crate::i18n::Tr;

/// Submitted values and their errors, to show a form again.
#[derive(Debug, Clone, Default)]
pub struct Form {
    pub values: Vec<(String, String)>,
    pub errors: Vec<(String, String)>,
}

impl Form {
    pub fn new(values: Vec<(String, String)>) -> Self {
        Self {
            values,
            errors: Vec::new(),
        }
    }

    pub fn with(mut self, name: &str, value: impl Into<String>) -> Self {
        self.values.retain(|(k, _)| k != name);
        self.values.push((name.to_owned(), value.into()));
        self
    }

    pub fn errors(mut self, tr: Tr, e: &FieldErrors) -> Self {
        for fe in &e.0 {
            self.errors.push((fe.field.clone(), tr.field_error(fe)));
        }
        self
    }

    pub fn v(&self, name: &str) -> &str {
        self.values
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    pub fn all(&self, name: &str) -> Vec<String> {
        self.values
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    pub fn checked(&self, name: &str, value: &str) -> bool {
        self.values.iter().any(|(k, v)| k == name && v == value)
    }

    pub fn e(&self, name: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }
}
