//! The `werkstatt` binary: parses the command line and hands over to the library.

fn main() -> std::process::ExitCode {
    let cli = werkstatt::Cli::parse_de();
    werkstatt::init_tracing();
    let rt = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("Fehler: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match rt.block_on(werkstatt::run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Fehler: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
