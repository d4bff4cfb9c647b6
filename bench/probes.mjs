// In-page probes shared by the benchmark scripts (bench/run.mjs, bench/first-view.mjs,
// bench/prof-keys.mjs).

// Installed before the app's scripts: records when [role=grid] first exists with a
// row header, and the frame after that (rAF, then a task: the paint has happened);
// then tells the harness through the binding `paintedAt` exposes, if any.
export const PAINT_PROBE = () => {
  window.__grid = null;
  const check = () => {
    if (window.__grid !== null) return;
    if (document.querySelector('[role=grid] [role=rowheader]')) {
      window.__grid = { seen: performance.now() };
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          window.__grid.painted = performance.now();
          window.__conveneBenchPainted?.(window.__grid.painted);
        };
        ch.port2.postMessage(0);
      });
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true });
};

/**
 * The time PAINT_PROBE records (ms from navigation start), for a context whose
 * pages start now: call it before `newPage`. The page tells the harness through a
 * binding, so the harness does not touch the page while it starts. Polling for
 * it instead (`page.waitForFunction`, which evaluates its test in every animation
 * frame from a script Playwright injects) made the seed's first view 24-164 ms
 * slower at the median (three A/B runs of 12-25 starts each; BENCHMARKS.md,
 * session 22). Returns `{ painted }`, a promise, which rejects after `timeout` ms.
 */
export async function paintedAt(context, timeout = 120_000) {
  let resolve;
  const painted = new Promise((r) => { resolve = r; });
  await context.exposeBinding('__conveneBenchPainted', (_source, t) => resolve(t));
  await context.addInitScript(PAINT_PROBE);
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no painted matrix within ${timeout} ms`)), timeout);
    timer.unref();
  });
  return { painted: Promise.race([painted, late]).finally(() => clearTimeout(timer)) };
}

// In the page, before a key is pressed in the search box: resolves (window.__typed)
// with the time from the keydown to the frame after the DOM of the page's main
// region first changed in response. The app runs a keystroke's query inside an
// animation-frame callback (src/explorer.rs, SearchBox), so that change is painted
// in the same frame: a task posted then runs after that paint. A change made outside
// the frame's callbacks waits for the next frame (rAF, then a task), as
// CLICK_TO_PAINT in bench/run.mjs does. Until 2026-12-01 (session 11) this probe always asked for a
// new frame, and so counted one frame too many for every keystroke.
export const TYPE_PROBE = () => {
  window.__typed = new Promise((resolve, reject) => {
    let t0 = null;
    let done = false;
    // True while the frame's animation callbacks run: set by our own callback,
    // registered before the app's (keydown comes before input), and cleared by a
    // task, which runs after the frame; re-armed every frame until the change.
    let inFrame = false;
    const armFrame = () => requestAnimationFrame(() => {
      inFrame = true;
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { inFrame = false; if (!done) armFrame(); };
      ch.port2.postMessage(0);
    });
    const afterPaint = () => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve(performance.now() - t0);
      ch.port2.postMessage(0);
    };
    const box = document.querySelector('input[type=search]');
    const down = (e) => {
      if (t0 === null && (e.key.length === 1 || e.key === 'Backspace')) {
        t0 = performance.now();
        armFrame();
      }
    };
    box.addEventListener('keydown', down, true);
    const mo = new MutationObserver(() => {
      if (done || t0 === null) return;
      done = true;
      mo.disconnect();
      box.removeEventListener('keydown', down, true);
      if (inFrame) afterPaint();
      else requestAnimationFrame(afterPaint);
    });
    mo.observe(document.querySelector('main'), { subtree: true, childList: true, attributes: true, characterData: true });
    setTimeout(() => { if (!done) { mo.disconnect(); reject(new Error('the keystroke changed nothing within 30 s')); } }, 30_000);
  });
};
