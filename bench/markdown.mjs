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

/**
 * Writes `md` as the subsection of BENCHMARKS.md's section `section` (`## …`)
 * that starts with the line `head` (`### …`), up to the next `### ` or `## `
 * heading; leaves the rest of the section as it was. Used by `bench/run.mjs
 * --app-only` for the app's table. Appends to the section when it has no such
 * subsection, and writes the section when the file has none.
 */
export function writeBenchmarksSubsection(section, head, md) {
  const file = path.join(ROOT, 'BENCHMARKS.md');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const sectionStart = text.indexOf(section);
  if (sectionStart < 0) {
    writeBenchmarksSection(section, `${section}\n\n${md}`);
    return;
  }
  const sectionEnd = (() => { const i = text.indexOf('\n## ', sectionStart + section.length); return i < 0 ? text.length : i + 1; })();
  const start = text.indexOf(head, sectionStart);
  let next;
  if (start < 0 || start >= sectionEnd) {
    next = text.slice(0, sectionEnd).trimEnd() + '\n\n' + md.trimEnd() + '\n' + (sectionEnd < text.length ? '\n' + text.slice(sectionEnd) : '');
  } else {
    const ends = ['\n### ', '\n## '].map((h) => text.indexOf(h, start + head.length)).filter((i) => i >= 0);
    const end = ends.length ? Math.min(...ends) + 1 : text.length;
    next = text.slice(0, start) + md.trimEnd() + '\n' + (end < text.length ? '\n' + text.slice(end) : '');
  }
  fs.writeFileSync(file, next.endsWith('\n') ? next : next + '\n');
}
