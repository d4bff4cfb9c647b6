//! Entry point of the Convene web app: mounts the Leptos app on the page body.
//! The Web Worker that opens data runs its own, smaller module
//! (src/bin/convene-open.rs), so the importer is not in this one.

fn main() {
    convene::start();
}
