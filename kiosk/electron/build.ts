/**
 * Bundles the Electron shell: main.ts → main.cjs, preload.ts → preload.cjs (the paths kiosk/package.json
 * and electron-builder.yml expect). Electron loads CommonJS, the sandboxed preload cannot require
 * anything but `electron`, and @hall/shared ships TypeScript, so both are bundled.
 *   npx tsx kiosk/electron/build.ts
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Writes main.cjs and preload.cjs into `outdir` (default: beside the sources). */
export async function buildKioskShell(outdir = here): Promise<{ main: string; preload: string }> {
  await build({
    entryPoints: { main: path.join(here, 'main.ts'), preload: path.join(here, 'preload.ts') },
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // Electron 45 runs Node 22 in the main process.
    target: 'node22',
    // serialport loads a prebuilt N-API binary relative to its package, so it stays in node_modules.
    external: ['electron', 'serialport'],
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return { main: path.join(outdir, 'main.cjs'), preload: path.join(outdir, 'preload.cjs') };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { main, preload } = await buildKioskShell();
  console.log(`built ${main} and ${preload}`);
}
