// Minifies the stylesheet for every build (a Trunk pre-build hook, Trunk.toml):
// style/main.css, as written, becomes target/css/main.css, which index.html links.
// lightningcss (a well-kept CSS parser and minifier) with the browsers Convene
// supports as targets, so it only writes syntax all three engines read. Trunk's own
// `minify` runs lightningcss with no targets, and folded `text-decoration` and
// `text-decoration-thickness` into a shorthand WebKit does not read (BENCHMARKS.md,
// session 10). Saves about 2.2 KB brotli (issue 18; session 21).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let lightningcss;
try {
  lightningcss = await import('lightningcss');
} catch {
  console.error('minify-css: lightningcss is not installed in tools/ (run scripts/setup.sh)');
  process.exit(1);
}
const { transform, browserslistToTargets } = lightningcss.default ?? lightningcss;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const from = path.join(root, 'style/main.css');
const to = path.join(root, 'target/css/main.css');
// The oldest version of each engine the output must work in (browserslist names):
// older than the engines the tests run (Chromium 156, Firefox ESR 153, WebKitGTK
// 2.50), so the minifier writes nothing they cannot read.
const targets = browserslistToTargets(['chrome 109', 'firefox 115', 'safari 15.4']);
try {
  const { code, warnings } = transform({
    filename: 'style/main.css',
    code: fs.readFileSync(from),
    minify: true,
    targets,
  });
  for (const w of warnings) console.error(`minify-css: ${w.loc.filename}:${w.loc.line}: ${w.message}`);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.writeFileSync(to, code);
} catch (err) {
  const where = err.loc ? `${err.fileName ?? 'style/main.css'}:${err.loc.line}:${err.loc.column}: ` : '';
  console.error(`minify-css: ${where}${err.message}`);
  process.exit(1);
}
