// A small static file server for Convene's built dist/: used by the end-to-end tests
// and by scripts/serve.sh. It serves under any path prefix (to prove the app needs no
// rewrite rules) and sends the production Content-Security-Policy by default.
// No dependencies: node's http module is all it needs.
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The strict policy the app must run under (see DESIGN.md, "Embedding"). */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data:; connect-src 'self' https:; frame-ancestors *";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `root` at `prefix` (e.g. "/a/b/convene/") on 127.0.0.1.
 * Returns { url, port, close }. `port` 0 picks a free port. `csp: null` sends no
 * Content-Security-Policy header.
 *
 * Two hooks for the end-to-end tests (unused by scripts/serve.sh):
 * - `intercept(req, res, rel)`: called first with the path below `prefix`; returns
 *   true when it has answered the request itself (a failing dataset, a probe script);
 * - `transformHtml(html)`: rewrites every HTML page before it is sent.
 */
export async function startServer({
  root, prefix = '/', port = 0, csp = STRICT_CSP, headers = {}, intercept = null, transformHtml = null,
} = {}) {
  const base = path.resolve(root);
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let pathname = decodeURIComponent(url.pathname);
    if (!pathname.startsWith(prefix)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`not under ${prefix}`);
      return;
    }
    let rel = pathname.slice(prefix.length);
    if (intercept && (await intercept(req, res, rel))) return;
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(base, rel);
    if (!file.startsWith(base + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      let body = await fs.readFile(file);
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      if (transformHtml && type.startsWith('text/html')) body = Buffer.from(transformHtml(body.toString('utf8')));
      const extra = type.startsWith('text/html') && csp ? { 'content-security-policy': csp } : {};
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...extra, ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`no such file: ${rel}`);
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actual = server.address().port;
  return {
    url: `http://127.0.0.1:${actual}${prefix}`,
    port: actual,
    close: () => new Promise((resolve) => {
      server.close(resolve);
      server.closeAllConnections();
    }),
  };
}

// Command line: node server.mjs --root dist [--port 8080] [--prefix /]
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const { url } = await startServer({
    root: arg('root', 'dist'),
    port: Number(arg('port', '8080')),
    prefix: arg('prefix', '/'),
  });
  console.log(`Convene is being served at ${url}  (Ctrl-C to stop)`);
}
