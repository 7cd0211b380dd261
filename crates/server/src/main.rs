//! `journey-server`: runs My Journey's API and serves the built client.

use journey_server::config::{Command, Config};
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = match Config::from_args(&args, |name| std::env::var(name).ok()) {
        Ok(Command::Serve(config)) => config,
        Ok(Command::Admin { database, action }) => {
            return match journey_server::admin_command(&database, action).await {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("{error}");
                    ExitCode::FAILURE
                }
            };
        }
        Ok(Command::Help) => {
            println!("{}", journey_server::config::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("{message}\n\n{}", journey_server::config::USAGE);
            return ExitCode::from(2);
        }
    };
    journey_server::init_tracing();
    match journey_server::serve(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("journey-server could not start: {error}");
            ExitCode::FAILURE
        }
    }
}
