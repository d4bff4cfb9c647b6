// Starts the Convene wasm app. Lives in its own file (not inline) so that the page
// runs under a strict Content-Security-Policy with `script-src 'self'`.
// Trunk writes the hashed file names into this script tag's data attributes.

// The dataset downloads while the wasm downloads and compiles (issue 18): a
// preload of the URL the app will fetch (the page's `data=`, as URLSearchParams
// reads it; index.html preloads the bundled seed), which the app's fetch of the
// same URL then takes over. Only this site's own files (no scheme): another
// site's link is checked by the app first, and a plain http one is refused,
// never fetched.
const data = new URLSearchParams(location.search).get('data');
if (data?.trim() && !data.includes(':') && !data.startsWith('//')) {
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  link.crossOrigin = 'anonymous';
  link.href = data;
  document.head.append(link);
}
// The page's catalogue, when it is not English (src/i18n.rs: French and Arabic
// are files the app fetches before it draws anything): `lang=`, else the first
// of en, fr, ar in the browser's languages, as `Lang::from_browser` chooses.
const params = new URLSearchParams(location.search);
const lang = params.has('lang')
  ? params.get('lang')
  : navigator.languages.map((tag) => tag.split(/[-_]/)[0].toLowerCase())
      .find((primary) => ['en', 'fr', 'ar'].includes(primary));
if (lang === 'fr' || lang === 'ar') {
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  link.crossOrigin = 'anonymous';
  link.href = `i18n/${lang}.txt`;
  document.head.append(link);
}
const tag = document.querySelector('script[data-convene-js]');
const { default: init } = await import(tag.dataset.conveneJs);
await init({ module_or_path: tag.dataset.conveneWasm });
