use std::process::ExitCode;

fn main() -> ExitCode {
    // CARE_COMPLETE=SHELL: the shell's completion protocol; before any thread or output
    care::cli::complete_from_env();
    // parse before building the runtime: --help and usage errors cost no threads
    let cli = care::cli::parse();
    let _ = rustls::crypto::ring::default_provider().install_default();
    care::ui::init_logging(cli.global.verbose, cli.global.debug);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            care::output::note(&format!("error: cannot start the async runtime: {e}"));
            return ExitCode::from(care::error::exit::FAILED);
        }
    };
    match runtime.block_on(care::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            care::error::report(&e);
            ExitCode::from(e.exit_code())
        }
    }
}
