//! Entry point of the Convene web app: mounts the Leptos app on the page body.
fn main() {
    convene::start();
}
