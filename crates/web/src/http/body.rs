//! The JSON body extractor of the API.

use axum::http::StatusCode;

use crate::error::AppError;

/// A JSON body whose syntax errors become a 400 with a JSON error, not axum's plain text.
pub struct Body<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> axum::extract::FromRequest<S> for Body<T> {
    type Rejection = AppError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, AppError> {
        let bytes = match axum::body::Bytes::from_request(req, state).await {
            Ok(b) => b,
            Err(rej) if rej.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(AppError::TooLarge),
            Err(_) => return Err(AppError::BadRequest("err-json")),
        };
        let de = &mut serde_json::Deserializer::from_slice(&bytes);
        match serde_path_to_error::deserialize::<_, T>(de) {
            Ok(v) => Ok(Body(v)),
            Err(e) if e.inner().is_data() => {
                Err(werkstatt_core::FieldError::new(e.path().to_string(), "err-json-field").into())
            }
            Err(_) => Err(AppError::BadRequest("err-json")),
        }
    }
}
