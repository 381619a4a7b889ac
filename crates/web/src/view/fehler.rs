//! The error page, rendered by the context middleware for every failed page request.

use askama::Template;

use super::Nav;
use crate::i18n::Tr;

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub t: Tr,
    pub nav: Nav,
    pub status: u16,
    pub message: String,
    pub fields: Vec<String>,
}
