use anyhow::Context as _;
use clap::Parser as _;

use marginalia::cli::{Cli, Command, InspectReport};

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Inspect { file }) => {
            let document = marginalia::import::import_path(&file)?;
            let report = InspectReport::from_document(&document);
            let json = serde_json::to_string_pretty(&report).context("cannot write JSON")?;
            println!("{json}");
            Ok(())
        }
        None => marginalia::ui::run_app(cli.path),
    }
}
