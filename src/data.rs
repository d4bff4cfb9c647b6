//! Fetching and validating the dataset at start-up.

use std::sync::Arc;

use convene_core::engine::Engine;

/// Where the bundled dataset lives, relative to the page (so any sub-path works).
pub const BUNDLED_DATASET: &str = "data/seed.json";

/// Why the dataset could not be shown: a message for the page, naming what failed.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadFailure {
    /// One line: what failed and where.
    pub summary: String,
    /// Details, one per line (validation errors with their JSON paths).
    pub details: Vec<String>,
}

/// Fetches the dataset at `url`, validates it and builds the engine's index.
pub async fn fetch_dataset(url: String) -> Result<Arc<Engine>, LoadFailure> {
    let failure = |summary: String| LoadFailure {
        summary,
        details: Vec::new(),
    };
    let response = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(|err| failure(format!("Could not fetch the dataset {url}: {err}")))?;
    if !response.ok() {
        return Err(failure(format!(
            "Could not fetch the dataset {url}: the server answered {} {}",
            response.status(),
            response.status_text()
        )));
    }
    let text = response
        .text()
        .await
        .map_err(|err| failure(format!("Could not read the dataset {url}: {err}")))?;
    let dataset = convene_core::load::load(&text).map_err(|errors| LoadFailure {
        summary: format!(
            "The dataset {url} is not valid convene/1 ({} problem{}):",
            errors.0.len(),
            if errors.0.len() == 1 { "" } else { "s" }
        ),
        details: errors.0.iter().map(ToString::to_string).collect(),
    })?;
    Ok(Arc::new(Engine::new(dataset)))
}
