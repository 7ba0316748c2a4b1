// Keeps package-lock.json installable with `npm ci` from a registry mirror that carries only
// this platform's binaries. npm records an optional platform package (workerd, swc, esbuild
// builds for other systems) only when the registry serves it; `npm ci` then finds the lockfile
// "out of sync". This adds the missing entries with the os/cpu their names state, so npm ci
// skips them on this platform just as it would with a complete lockfile.
// Run after any `npm install` that changes the lockfile: `npm run lockfile:complete`.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;

const osOf = (name) =>
  /darwin/.test(name)
    ? 'darwin'
    : /win32|windows/.test(name)
      ? 'win32'
      : /freebsd/.test(name)
        ? 'freebsd'
        : /android/.test(name)
          ? 'android'
          : 'linux';
const cpuOf = (name) =>
  /arm64|aarch64/.test(name)
    ? 'arm64'
    : /ia32/.test(name)
      ? 'ia32'
      : /gnueabihf|-arm\b|-arm-/.test(name)
        ? 'arm'
        : /ppc64/.test(name)
          ? 'ppc64'
          : /s390x/.test(name)
            ? 's390x'
            : /riscv64/.test(name)
              ? 'riscv64'
              : /loong64/.test(name)
                ? 'loong64'
                : 'x64';

/** Where npm resolved `name` for a dependent at `location`: its own node_modules, then up the tree. */
function resolvedAt(location, name) {
  let dir = location;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return null;
    const i = dir.lastIndexOf('/node_modules/');
    dir = i < 0 ? '' : dir.slice(0, i);
  }
}

let added = 0;
for (const [location, entry] of Object.entries(packages)) {
  if (!entry.optionalDependencies) continue;
  const names = Object.keys(entry.optionalDependencies);
  // Put the missing builds beside the one this platform got, where npm would have put them.
  const present = names
    .map((n) => resolvedAt(location, n))
    .find(
      (at) =>
        at &&
        packages[at].version ===
          String(entry.optionalDependencies[at.slice(at.lastIndexOf('node_modules/') + 13)]).replace(/^[\^~=]/, ''),
    );
  const folder = present ? present.slice(0, present.lastIndexOf('node_modules/')) : '';
  for (const name of names) {
    const version = String(entry.optionalDependencies[name]).replace(/^[\^~=]/, '');
    // Only builds for another platform, pinned to one version, are what the mirror leaves out.
    if (!/darwin|win32|windows|linux|freebsd|android/.test(name) || !/^\d+\.\d+\.\d+/.test(version)) continue;
    const found = resolvedAt(location, name);
    if (found && packages[found].version === version) continue;
    packages[`${folder}node_modules/${name}`] = {
      version,
      dev: entry.dev || undefined,
      optional: true,
      os: [osOf(name)],
      cpu: [cpuOf(name)],
    };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lockfile: added ${added} optional platform entries`);
