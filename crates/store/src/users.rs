//! Accounts (admins, facilitators) and their API tokens.

use serde::Serialize;
use werkstatt_core::user::NeuerUser;

use crate::error::unique;
use crate::ids::{hash_secret, new_id, new_secret, now_ms};
use crate::{Db, Result, StoreError};

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct User {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: String,
    #[serde(skip)]
    pub password_hash: String,
}

impl User {
    pub fn is_admin(&self) -> bool {
        self.role == "admin"
    }
}

impl Db {
    /// Stores a new account; `password_hash` is an argon2id PHC string made by the caller.
    pub async fn create_user(&self, u: &NeuerUser, password_hash: &str) -> Result<User> {
        let id = new_id();
        write!(self, |p| {
            sqlx::query(
            "INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)"
        )
        .bind(&id)
        .bind(u.email.as_str())
        .bind(&u.name)
        .bind(u.role.slug())
        .bind(password_hash)
        .bind(now_ms())
        .execute(p)
        .await
        .map_err(unique("email"))?
        .rows_affected()
        });
        self.user(&id).await
    }

    pub async fn user(&self, id: &str) -> Result<User> {
        read!(self, |p| sqlx::query_as(
            "SELECT id, email, name, role, password_hash FROM users WHERE id = $1"
        )
        .bind(id)
        .fetch_optional(p)
        .await?)
        .ok_or(StoreError::NotFound)
    }

    pub async fn user_by_email(&self, email: &str) -> Result<User> {
        read!(self, |p| sqlx::query_as(
            "SELECT id, email, name, role, password_hash FROM users WHERE email = $1"
        )
        .bind(email.trim().to_lowercase())
        .fetch_optional(p)
        .await?)
        .ok_or(StoreError::NotFound)
    }

    /// Issues a new API token; only its hash is stored, the token is returned once.
    pub async fn create_api_token(&self, user_id: &str) -> Result<String> {
        let token = format!("wst_{}", new_secret());
        write!(self, |p| sqlx::query(
            "INSERT INTO api_tokens (token_hash, user_id, created_at) VALUES ($1, $2, $3)"
        )
        .bind(hash_secret(&token))
        .bind(user_id)
        .bind(now_ms())
        .execute(p)
        .await?
        .rows_affected());
        Ok(token)
    }

    pub async fn user_by_token(&self, token: &str) -> Result<User> {
        read!(self, |p| sqlx::query_as(
            "SELECT u.id, u.email, u.name, u.role, u.password_hash FROM users u \
             JOIN api_tokens t ON t.user_id = u.id WHERE t.token_hash = $1"
        )
        .bind(hash_secret(token))
        .fetch_optional(p)
        .await?)
        .ok_or(StoreError::NotFound)
    }
}
