// Runs every bench/*.ts with `npx tsx`, one after another (they measure the same machine, so never
// in parallel), and prints their figures. Exit code 1 when any benchmark failed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const benches = readdirSync(join(root, 'bench')).filter((name) => name.endsWith('.ts')).sort();
let failed = 0;
for (const name of benches) {
  console.log(`\n=== bench/${name} ===`);
  const started = Date.now();
  const run = spawnSync('npx', ['tsx', join('bench', name)], { cwd: root, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (run.status !== 0) {
    failed += 1;
    console.log(`=== bench/${name} failed (exit ${run.status ?? run.signal}) after ${seconds} s ===`);
  } else console.log(`=== bench/${name} done in ${seconds} s ===`);
}
if (benches.length === 0) console.log('no bench/*.ts found');
process.exit(failed > 0 ? 1 : 0);
