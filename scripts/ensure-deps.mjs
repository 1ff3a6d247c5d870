#!/usr/bin/env node
// Installs what this checkout lacks, using only Node's standard library (it runs before any
// dependency exists): npm packages on first use, the web apps' build, and with --test the
// Debian packages the tests need (chromium, a CJK font, socat, udev) when run as root on Debian.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const forTests = process.argv.includes('--test');
const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
}

function mtime(file) {
  return existsSync(file) ? statSync(file).mtimeMs : 0;
}

function newestIn(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

// 1. npm packages: install when node_modules is missing or older than the lock file.
const installedMarker = join(root, 'node_modules/.package-lock.json');
if (!existsSync(installedMarker) || mtime(join(root, 'package-lock.json')) > mtime(installedMarker)) {
  console.log('Installing npm dependencies (first run; better-sqlite3 compiles from source, ~1–2 min)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

// 2. Debian packages the tests need.
if (forTests) {
  const wanted = [
    { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') },
    { pkg: 'fonts-wqy-microhei', present: () => cjkFontPresent() },
    { pkg: 'socat', present: () => onPath('socat') },
    { pkg: 'udev', present: () => onPath('udevadm') },
  ];
  const missing = wanted.filter((w) => !w.present()).map((w) => w.pkg);
  if (missing.length > 0) {
    const isRoot = process.getuid?.() === 0;
    if (isRoot && existsSync('/usr/bin/apt-get')) {
      console.log(`Installing Debian packages the tests need: ${missing.join(' ')}`);
      run('apt-get', ['update', '-qq']);
      run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing]);
    } else {
      console.error(`The tests need these system packages: ${missing.join(', ')}.`);
      console.error(`On Debian/Ubuntu: sudo apt-get install ${missing.join(' ')}`);
      console.error('Elsewhere: install Chromium at /usr/bin/chromium, a CJK font (WenQuanYi Micro Hei or Noto CJK), socat and udev (udevadm).');
      process.exit(1);
    }
  }
  // PostgreSQL for the city suite (a throwaway cluster per run). Optional: without it (not root, not
  // Debian) the city tests run on PGlite only and say why the PostgreSQL half is skipped.
  const postgresPresent = () => existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));
  if (!postgresPresent()) {
    if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
      console.log('Installing Debian package the city tests need: postgresql');
      // Only the binaries: the tests start their own cluster, the package's default one is not needed.
      run('apt-get', ['update', '-qq']);
      run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql']);
    } else {
      console.error('PostgreSQL is not installed: the city tests will run on PGlite only (sudo apt-get install postgresql to run both).');
    }
  }
}

// 3. The web apps, rebuilt when their sources are newer than the build.
const apps = [
  { name: 'kiosk', out: 'kiosk/dist/index.html', sources: ['kiosk/src', 'kiosk/index.html', 'kiosk/track.html', 'shared/src'] },
  { name: 'counter-display', out: 'counter-display/dist/board/index.html', sources: ['counter-display/src', 'counter-display/board', 'counter-display/counter', 'counter-display/rate', 'counter-display/manage', 'shared/src'] },
];
for (const app of apps) {
  const built = mtime(join(root, app.out));
  const changed = Math.max(...app.sources.map((source) => {
    const path = join(root, source);
    return existsSync(path) && statSync(path).isDirectory() ? newestIn(path) : mtime(path);
  }));
  if (built === 0 || changed > built) {
    console.log(`Building ${app.name}…`);
    run('npm', ['run', '-w', app.name, 'build', '--silent']);
  }
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function cjkFontPresent() {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}
