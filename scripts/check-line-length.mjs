// `npm run lint`'s second half: no line of the project's own code over 120 characters. Biome's
// formatter wraps code at 120 but leaves long strings and comments alone, and has no rule for
// them; this counts characters (not bytes), so a line of Chinese is measured as it reads.
// Migrations are drizzle-kit's output and are left as it writes them.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const MAX = 120;
const checked = /\.(ts|tsx|mjs|js|jsonc|sql)$|^\.ci\/run$/;
const skipped = /^(db\/migrations\/|routing\/model\/)|package-lock\.json$/;

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' })
  .split('\n')
  .filter((f) => checked.test(f) && !skipped.test(f));

const long = [];
for (const file of files) {
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const length = [...line].length;
      if (length > MAX) long.push(`${file}:${i + 1}: ${length} characters`);
    });
}
if (long.length > 0) {
  console.error(`${long.length} lines over ${MAX} characters:\n${long.join('\n')}`);
  process.exit(1);
}
console.log(`line length: ${files.length} files, every line at most ${MAX} characters`);
