#!/usr/bin/env node
// npm test: the type check and lint, then every vitest project in turn (unit, browser, reliability), so a
// slow browser suite never competes for the two cores with the unit tests. Ends with one line
// "tests: N passed, N failed, N skipped" summed over all projects.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const projects = only.length > 0 ? only : ['unit', 'e2e', 'reliability'];
const outDir = join(root, '.tmp');
mkdirSync(outDir, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
let failedSteps = [];

for (const step of ['typecheck', 'lint']) {
  console.log(`\n=== ${step} ===`);
  const result = spawnSync('npm', ['run', step, '--silent'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failedSteps.push(step);
}

for (const project of projects) {
  const report = join(outDir, `vitest-${project}.json`);
  rmSync(report, { force: true });
  console.log(`\n=== vitest project ${project} ===`);
  const result = spawnSync(
    join(root, 'node_modules/.bin/vitest'),
    ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } },
  );
  try {
    const summary = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += summary.numPassedTests;
    totals.failed += summary.numFailedTests;
    totals.skipped += summary.numPendingTests + summary.numTodoTests;
    if (summary.numTotalTests === 0) failedSteps.push(`${project} (no tests ran)`);
  } catch {
    failedSteps.push(`${project} (no report)`);
  }
  if (result.status !== 0) failedSteps.push(project);
}

failedSteps = [...new Set(failedSteps)];
if (failedSteps.length > 0) console.log(`\nfailed: ${failedSteps.join(', ')}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length > 0 ? 1 : 0);
