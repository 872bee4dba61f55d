use std::process::ExitCode;

use anyhow::Context as _;
use clap::Parser as _;

use marginalia::cli::{Cli, Command, InspectReport};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Inspect { file }) => inspect(&file),
        None => marginalia::ui::run_app(cli.path),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("marginalia: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn inspect(file: &std::path::Path) -> anyhow::Result<()> {
    let document = marginalia::import::import_path(file)?;
    let report = InspectReport::from_document(&document);
    let json = serde_json::to_string_pretty(&report).context("cannot write JSON")?;
    println!("{json}");
    Ok(())
}
