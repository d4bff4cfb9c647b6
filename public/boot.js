// Starts the Convene wasm app. Lives in its own file (not inline) so that the page
// runs under a strict Content-Security-Policy with `script-src 'self'`.
// Trunk writes the hashed file names into this script tag's data attributes.
const tag = document.querySelector('script[data-convene-js]');
const { default: init } = await import(tag.dataset.conveneJs);
await init({ module_or_path: tag.dataset.conveneWasm });
