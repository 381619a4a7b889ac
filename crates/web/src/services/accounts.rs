//! Accounts, logins and joining a Werkstatt.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use werkstatt_core::event::{Event, EventKind};
use werkstatt_core::join_code::JoinCode;
use werkstatt_core::teilnehmende::{JoinInput, NeueTeilnehmende};
use werkstatt_core::user::{NeuerUser, parse_password};
use werkstatt_store::sessions::{ACCOUNT_TTL_MS, PARTICIPANT_TTL_MS, Session};
use werkstatt_store::users::User;
use werkstatt_store::{StoreError, ids::now_ms};

use crate::ctx::{Ctx, Viewer};
use crate::error::{AppError, AppResult};
use crate::limit::{Kind, Wer};
use crate::state::AppState;

pub fn hash_password(pw: &str) -> AppResult<String> {
    let salt = SaltString::encode_b64(&werkstatt_store::ids::random_bytes())
        .map_err(|e| AppError::Internal(format!("salt: {e}")))?;
    Argon2::default()
        .hash_password(pw.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("hash: {e}")))
}

/// A hash of a random password with the same parameters as every account's, checked
/// against when no account has the address.
fn blindwert() -> &'static str {
    static WERT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    WERT.get_or_init(|| {
        let zufall: String = werkstatt_store::ids::random_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        hash_password(&zufall).unwrap_or_default()
    })
}

fn verify_password(pw: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| Argon2::default().verify_password(pw.as_bytes(), &h).is_ok())
}

/// Creates an account (CLI and tests).
pub async fn create_user(
    state: &AppState,
    email: &str,
    name: &str,
    role: &str,
    password: &str,
) -> AppResult<User> {
    let u = NeuerUser::parse(email, name, role)?;
    let pw = parse_password("password", password)?;
    let hash = hash_password(&pw)?;
    Ok(state.db.create_user(&u, &hash).await?)
}

/// Checks e-mail and password; returns the session secret. Failures count against the
/// client's address and against the account, and too many of either are refused before
/// the password is even checked.
pub async fn login(state: &AppState, ctx: &Ctx, email: &str, password: &str) -> AppResult<(User, String)> {
    let konto = Wer::konto(email);
    if !state.limiter.allowed(ctx.ip, Kind::Login) || !state.limiter.erlaubt(&konto, Kind::Login) {
        return Err(AppError::TooMany);
    }
    let user = match state.db.user_by_email(email).await {
        Ok(u) if verify_password(password, &u.password_hash) => u,
        Err(StoreError::NotFound) => {
            // The same work as for a wrong password, so the answer's timing does not tell
            // whether an account exists.
            verify_password(password, blindwert());
            state.limiter.fail(ctx.ip, Kind::Login);
            state.limiter.fehlschlag(konto, Kind::Login);
            return Err(werkstatt_core::FieldError::new("password", "err-login").into());
        }
        Ok(_) => {
            state.limiter.fail(ctx.ip, Kind::Login);
            state.limiter.fehlschlag(konto, Kind::Login);
            return Err(werkstatt_core::FieldError::new("password", "err-login").into());
        }
        Err(e) => return Err(e.into()),
    };
    let secret = state
        .db
        .create_session(&Session {
            role: "user".into(),
            user_id: Some(user.id.clone()),
            werkstatt_id: None,
            teilnehmende_id: None,
            lang: Some(ctx.tr.lang().into()),
            expires_at: now_ms() + ACCOUNT_TTL_MS,
        })
        .await?;
    Ok((user, secret))
}

/// Looks a Werkstatt up by its join code, with the same rate limit as joining.
pub async fn werkstatt_for_code(
    state: &AppState,
    ctx: &Ctx,
    code: &str,
) -> AppResult<werkstatt_store::werkstaetten::Werkstatt> {
    if !state.limiter.allowed(ctx.ip, Kind::Join) {
        return Err(AppError::TooMany);
    }
    let code = JoinCode::parse("code", code)?;
    match state.db.werkstatt_by_join_code(&code).await {
        Ok(w) if w.phase().allows_join() => Ok(w),
        Ok(_) => Err(AppError::WrongPhase),
        Err(StoreError::NotFound) => {
            state.limiter.fail(ctx.ip, Kind::Join);
            Err(werkstatt_core::FieldError::new("code", "err-join-unknown").into())
        }
        Err(e) => Err(e.into()),
    }
}

/// Joins a Werkstatt by code and display name; returns the participant and the session secret.
pub async fn join(
    state: &AppState,
    ctx: &Ctx,
    input: &JoinInput,
) -> AppResult<(werkstatt_store::teilnehmende::Teilnehmende, String)> {
    let w = werkstatt_for_code(state, ctx, &input.code).await?;
    let neu = NeueTeilnehmende::parse(&input.name, &input.sektor, input.kommune_id.as_deref())?;
    let t = state.db.add_teilnehmende(&w.id, &neu).await?;
    let secret = state
        .db
        .create_session(&Session {
            role: "participant".into(),
            user_id: None,
            werkstatt_id: Some(w.id.clone()),
            teilnehmende_id: Some(t.id.clone()),
            lang: Some(ctx.tr.lang().into()),
            expires_at: now_ms() + PARTICIPANT_TTL_MS,
        })
        .await?;
    state
        .bus
        .publish(Event::new(&w.id, EventKind::Teilnehmende).with_id(&t.id));
    Ok((t, secret))
}

/// Opens a read-only session from an observer link.
/// Opens a Werkstatt for reading by its observer code: the Werkstatt's id and, for someone
/// not signed in, a new observer session. A signed-in account or participant keeps their
/// session (a link followed from elsewhere must not sign them out), and only reaches the
/// Werkstatt if their own session allows it.
pub async fn observe(state: &AppState, ctx: &Ctx, code: &str) -> AppResult<(String, Option<String>)> {
    if !state.limiter.allowed(ctx.ip, Kind::Join) {
        return Err(AppError::TooMany);
    }
    let w = match state.db.werkstatt_by_observer_code(code).await {
        Ok(w) => w,
        Err(StoreError::NotFound) => {
            state.limiter.fail(ctx.ip, Kind::Join);
            return Err(AppError::NotFound);
        }
        Err(e) => return Err(e.into()),
    };
    if matches!(ctx.viewer, Viewer::User(_) | Viewer::Participant(_)) {
        return Ok((w.id, None));
    }
    let secret = state
        .db
        .create_session(&Session {
            role: "observer".into(),
            user_id: None,
            werkstatt_id: Some(w.id.clone()),
            teilnehmende_id: None,
            lang: Some(ctx.tr.lang().into()),
            expires_at: now_ms() + PARTICIPANT_TTL_MS,
        })
        .await?;
    Ok((w.id, Some(secret)))
}
