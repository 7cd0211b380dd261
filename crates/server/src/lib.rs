//! My Journey's server: a JSON API under `/api/v1/` over a SQLite or PostgreSQL store, which also serves
//! the Trunk-built client from `dist/` (precompressed, with cache headers; see `client_files`),
//! with a fallback to `index.html` for client routes.

// The features: each holds its endpoints (`mod.rs`) and its queries (`store.rs`).
pub mod accounts;
pub mod audit;
pub mod concerns;
pub mod feedback;
pub mod goals;
pub mod good_news;
pub mod heard_back;
pub mod help;
pub mod journey;
pub mod records;
pub mod review;
pub mod safety;
pub mod team;

// What the features stand on.
pub mod access;
pub mod auth;
pub mod caller;
pub mod error;
pub mod openapi;
pub mod secrets;
pub mod state;
pub mod store;
pub mod web;

// Starting, running and looking after the server.
pub mod admin;
pub mod backup;
pub mod client_files;
pub mod config;
pub mod connections;
pub mod cookies;
pub mod demo;
pub mod startup;

pub use startup::{document_json, router, routes, serve};
pub use state::AppState;

/// Logs to standard error; `RUST_LOG` chooses how much (default: info).
pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        // Each span shown says how long it took when it ends (see startup::timed).
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Runs one `journey-server admin …` command, explaining any refusal in plain words.
pub async fn admin_command(
    database: &store::database::Database,
    action: admin::AdminAction,
) -> Result<(), String> {
    match (&action, database) {
        (
            admin::AdminAction::Backup { .. } | admin::AdminAction::Restore { .. },
            store::database::Database::Url(_),
        ) => {
            return Err("backup and restore are for a SQLite file. Back up PostgreSQL with its own tools (pg_dump and pg_restore): see the README.".into());
        }
        (admin::AdminAction::Backup { to }, store::database::Database::File(database)) => {
            let checked = backup::backup(database, to).await?;
            println!(
                "Backed up {} to {} and checked it: whole, {} young people.",
                database.display(),
                to.display(),
                checked.young_people
            );
            return Ok(());
        }
        (admin::AdminAction::Restore { from }, store::database::Database::File(database)) => {
            let (checked, kept) = backup::restore(database, from).await?;
            println!(
                "Restored {} from {} ({} young people).",
                database.display(),
                from.display(),
                checked.young_people
            );
            if let Some(kept) = kept {
                println!("The database it replaced is kept at {}.", kept.display());
            }
            return Ok(());
        }
        _ => {}
    }
    let store = store::Store::connect(database)
        .await
        .map_err(|e| format!("could not open {database}: {e}"))?;
    admin::run(&store, action).await.map_err(|e| match e {
        error::ApiError::Validation(errors) => errors.to_string(),
        error::ApiError::Conflict(field) => field.message,
        other => other.to_string(),
    })
}
