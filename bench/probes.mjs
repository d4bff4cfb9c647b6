// In-page probes shared by the benchmark scripts (bench/run.mjs, bench/first-view.mjs).

// Installed before the app's scripts: records when [role=grid] first exists with a
// row header, and the frame after that (rAF, then a task: the paint has happened).
export const PAINT_PROBE = () => {
  window.__grid = null;
  const check = () => {
    if (window.__grid !== null) return;
    if (document.querySelector('[role=grid] [role=rowheader]')) {
      window.__grid = { seen: performance.now() };
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => { window.__grid.painted = performance.now(); };
        ch.port2.postMessage(0);
      });
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true });
};
