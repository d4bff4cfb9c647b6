// Writing the benchmark runner's results into BENCHMARKS.md, shared by bench/run.mjs
// (the "Browser" section) and bench/layout.mjs (the "Network layout" section).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Writes `md` as the section of BENCHMARKS.md that starts with the line `head`
 * (`## …`), replacing that section up to the next `## ` heading, or appends it
 * when the file has no such section yet.
 */
export function writeBenchmarksSection(head, md) {
  const file = path.join(ROOT, 'BENCHMARKS.md');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = text.indexOf(head);
  let next;
  if (start < 0) {
    next = text.trimEnd() + '\n\n' + md;
  } else {
    const after = text.indexOf('\n## ', start + head.length);
    next = text.slice(0, start) + md.trimEnd() + '\n' + (after < 0 ? '' : text.slice(after));
  }
  fs.writeFileSync(file, next.endsWith('\n') ? next : next + '\n');
}
