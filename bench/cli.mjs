// Command-line options shared by the A/B scripts (bench/first-view.mjs,
// bench/prof-keys.mjs): `--name value` options and the builds to compare.
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const args = process.argv.slice(2);

/** The value after `name` on the command line, else `fallback`. */
export function option(name, fallback) {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
}

/** Every `--dist DIR` given, as absolute paths, in order; the repository's dist/ if none. */
export function dists() {
  const given = args.flatMap((a, i) => (a === '--dist' ? [path.resolve(args[i + 1])] : []));
  return given.length > 0 ? given : [path.join(ROOT, 'dist')];
}
