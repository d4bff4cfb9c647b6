// The end-to-end tests' problem probe (see harness.mjs). The test server inserts it into
// every HTML page it serves, before the page's own scripts, so it sees problems fired
// during load too. Each problem is kept in window.__e2eProblems and posted to the
// server that served the page (same origin: `connect-src 'self'` allows it).
(() => {
  const endpoint = new URL('report', document.currentScript.src).href;
  const pending = new Set();
  const problems = (window.__e2eProblems = []);
  const report = (kind, text) => {
    const entry = { kind, text: String(text), page: location.href };
    problems.push(entry);
    const sent = fetch(endpoint, { method: 'POST', body: JSON.stringify(entry), keepalive: true })
      .catch(() => {})
      .finally(() => pending.delete(sent));
    pending.add(sent);
  };
  /** Resolves when every report has reached the server. */
  window.__e2eFlush = () => Promise.all([...pending]).then(() => problems.length);

  // Uncaught exceptions (ErrorEvent) and, in the capture phase, failed resource loads.
  window.addEventListener('error', (e) => {
    if (e instanceof ErrorEvent) {
      report('pageerror', `${e.message} (${e.filename}:${e.lineno})`);
    } else {
      const t = e.target;
      report('resource', `failed to load <${t?.localName}> ${t?.src || t?.href || ''}`);
    }
  }, true);
  window.addEventListener('unhandledrejection', (e) => {
    report('pageerror', `unhandled rejection: ${e.reason?.stack || e.reason}`);
  });
  document.addEventListener('securitypolicyviolation', (e) => {
    report('csp', `${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
  }, true);
  const consoleError = console.error;
  console.error = function (...args) {
    report('console', args.map((a) => (a instanceof Error ? a.stack || a.message : String(a))).join(' '));
    return consoleError.apply(this, args);
  };
})();
