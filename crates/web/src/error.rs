//! The one web error: maps domain and store errors to HTTP statuses, never leaks internals.
//!
//! A handler returns [`AppError`]; its response carries an [`ErrorInfo`] extension that the
//! context middleware renders, in the request's language, as an HTML page or a JSON body.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use werkstatt_core::{DomainError, FieldErrors};
use werkstatt_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("login required")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("invalid input")]
    Invalid(FieldErrors),
    #[error("conflict")]
    Conflict {
        code: &'static str,
        current: Option<i64>,
    },
    #[error("not allowed in this phase")]
    WrongPhase,
    #[error("too many attempts")]
    TooMany,
    #[error("request body too large")]
    TooLarge,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    #[error("internal error: {0}")]
    Internal(String),
}

/// What the renderer needs to know about an error.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    pub status: StatusCode,
    /// The i18n key of the headline message.
    pub code: &'static str,
    pub fields: FieldErrors,
    pub current_version: Option<i64>,
}

impl AppError {
    pub fn info(&self) -> ErrorInfo {
        let (status, code) = match self {
            Self::NotFound => (StatusCode::NOT_FOUND, "err-not-found"),
            Self::Unauthorized => (StatusCode::UNAUTHORIZED, "err-unauthorized"),
            Self::Forbidden => (StatusCode::FORBIDDEN, "err-forbidden"),
            Self::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, "err-invalid"),
            Self::Conflict { code, .. } => (StatusCode::CONFLICT, *code),
            Self::WrongPhase => (StatusCode::CONFLICT, "err-wrong-phase"),
            Self::TooMany => (StatusCode::TOO_MANY_REQUESTS, "err-too-many"),
            Self::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "err-too-large"),
            Self::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "err-method"),
            Self::BadRequest(code) => (StatusCode::BAD_REQUEST, *code),
            Self::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "err-internal"),
        };
        ErrorInfo {
            status,
            code,
            fields: match self {
                Self::Invalid(f) => f.clone(),
                _ => FieldErrors::default(),
            },
            current_version: match self {
                Self::Conflict { current, .. } => *current,
                _ => None,
            },
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let Self::Internal(detail) = &self {
            tracing::error!(%detail, "internal error");
        }
        let info = self.info();
        let mut r = (info.status, info.code).into_response();
        r.extensions_mut().insert(info);
        r
    }
}

impl From<DomainError> for AppError {
    fn from(e: DomainError) -> Self {
        match e {
            DomainError::Invalid(f) => Self::Invalid(f),
            DomainError::NotFound => Self::NotFound,
            DomainError::Forbidden => Self::Forbidden,
            DomainError::WrongPhase => Self::WrongPhase,
            DomainError::Conflict(code) => Self::Conflict { code, current: None },
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(e: FieldErrors) -> Self {
        Self::Invalid(e)
    }
}

impl From<werkstatt_core::FieldError> for AppError {
    fn from(e: werkstatt_core::FieldError) -> Self {
        Self::Invalid(e.into())
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => Self::NotFound,
            StoreError::VersionConflict { current } => Self::Conflict {
                code: "err-version-conflict",
                current: Some(current),
            },
            StoreError::Duplicate(field) => {
                Self::Invalid(werkstatt_core::FieldError::new(field, "err-duplicate").into())
            }
            StoreError::Domain(d) => d.into(),
            other => Self::Internal(other.to_string()),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        Self::Internal(format!("template: {e}"))
    }
}

pub type AppResult<T> = Result<T, AppError>;
