// `npm install` and `npm ci` run this (the root `postinstall`): the browser files the Worker
// serves as static assets (wrangler.jsonc `assets`, dashboard/assets/) come from the pinned
// packages, copied into dashboard/assets/vendor/ (not committed), so the pages load nothing from
// another host: government networks are often closed.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(path.join(root, 'package.json'));
const vendor = path.join(root, 'dashboard', 'assets', 'vendor');

/** Each file the pages load, from the package that ships it. */
const files = [
  ['echarts', 'dist/echarts.min.js'],
  ['swagger-ui-dist', 'swagger-ui-bundle.js'],
  ['swagger-ui-dist', 'swagger-ui.css'],
];

mkdirSync(vendor, { recursive: true });
for (const [pkg, file] of files) {
  const from = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
  copyFileSync(from, path.join(vendor, path.basename(file)));
}
console.log(`copy-vendor-assets: ${files.length} files in dashboard/assets/vendor/`);
