#!/usr/bin/env node
// Run after `npm install` changes package-lock.json: `node scripts/complete-lockfile.js package-lock.json`.
// The registry reachable from our machines does not serve other platforms' optional builds
// (e.g. @swc/core-darwin-arm64), so npm writes a lock without them and `npm ci` then refuses it.
// Adds lock entries for foreign-platform optional packages the registry mirror does not serve,
// with os/cpu/libc inferred from the name, so `npm ci` accepts the lock and skips them on linux-x64.
const fs = require('fs');
const file = process.argv[2];
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const pk = lock.packages;
const osOf = { darwin: 'darwin', win32: 'win32', linux: 'linux', android: 'android', freebsd: 'freebsd', openharmony: 'openharmony' };
const cpuOf = { arm64: 'arm64', x64: 'x64', ia32: 'ia32', arm: 'arm', ppc64: 'ppc64', s390x: 's390x', riscv64: 'riscv64', loong64: 'loong64' };
let added = 0;
for (const [path, meta] of Object.entries(pk)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies || {})) {
    const where = `node_modules/${name}`;
    if (pk[where]) continue;
    const parts = name.split('/').pop().split('-');
    const os = parts.find((p) => osOf[p]);
    const cpu = parts.find((p) => cpuOf[p]);
    const libc = parts.some((p) => p.startsWith('musl') || p === 'musleabihf') ? 'musl' : parts.some((p) => p.startsWith('gnu')) ? 'glibc' : undefined;
    const e = { version };
    if (cpu) e.cpu = [cpu === 'arm' ? 'arm' : cpu];
    if (meta.dev) e.dev = true;
    if (libc) e.libc = [libc];
    e.optional = true;
    if (os) e.os = [os];
    pk[where] = e;
    added++;
    console.log('added', where, JSON.stringify(e));
  }
}
const sorted = Object.fromEntries(Object.entries(pk).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log('added', added);
