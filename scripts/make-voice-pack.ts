/**
 * Generates the hall board's default Mandarin voice pack, offline:
 *   npx tsx scripts/make-voice-pack.ts [--force] [--out <dir>]
 * One 16 kHz mono 16-bit WAV per clip in counter-display/src/lib/voice/clips.ts, written to
 * counter-display/voice-pack/<name>.wav. Existing files are kept (a hall's recorded clips
 * replace ours under the same names) unless --force. Needs espeak-ng and sox.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLIPS, type Clip } from '../counter-display/src/lib/voice/clips';

// 16 kHz mono is plenty for speech through hall speakers and keeps the committed pack small.
const FORMAT = ['-r', '16000', '-b', '16', '-c', '1'];
// Slower than espeak's 175 wpm: the hall is large and echoes.
const WORDS_PER_MINUTE = '160';

function parseArgs(argv: readonly string[]): { force: boolean; outDir: string } {
  const outIndex = argv.indexOf('--out');
  const outArg = outIndex >= 0 ? argv[outIndex + 1] : undefined;
  const defaultOut = fileURLToPath(new URL('../counter-display/voice-pack/', import.meta.url));
  return { force: argv.includes('--force'), outDir: resolve(outArg ?? defaultOut) };
}

function requireTool(tool: string, versionFlag: string): void {
  try {
    execFileSync(tool, [versionFlag], { stdio: 'ignore' });
  } catch {
    console.error(`make-voice-pack: ${tool} is missing (apt-get install espeak-ng sox)`);
    process.exit(1);
  }
}

// -R: repeatable dither, so --force remakes byte-identical files and git sees no churn.
const sox = (args: readonly string[]): void => {
  execFileSync('sox', ['-R', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
};

function speak(voice: string, text: string, target: string, workDir: string): void {
  // Listening-free check: espeak marks a switch to English rules as "(en)" in its phonemes,
  // which is how cmn misreads text; refuse rather than commit a clip that says "zay four".
  const phonemes = execFileSync('espeak-ng', ['-q', '-x', '-v', voice, text], { encoding: 'utf8' });
  if (voice.startsWith('cmn') && phonemes.includes('(en)')) {
    throw new Error(`espeak-ng read "${text}" with English rules: ${phonemes.trim()}`);
  }
  const raw = join(workDir, 'raw.wav');
  execFileSync('espeak-ng', ['-v', voice, '-s', WORDS_PER_MINUTE, '-w', raw, text]);
  // espeak pads each utterance with silence; trim it so clips join into one fluent sentence,
  // keep a short tail so syllables do not run together, and level English and Chinese clips.
  sox([
    raw, ...FORMAT, target,
    'silence', '1', '0.01', '0.5%', 'reverse', 'silence', '1', '0.01', '0.5%', 'reverse',
    'pad', '0.02', '0.06', 'norm', '-3',
  ]);
}

function chime(target: string, workDir: string): void {
  // Ding-dong: E5 then C5, each with its octave for a bell-like timbre and a log fade-out.
  const tone = (name: string, hz: number, seconds: number): string => {
    const file = join(workDir, `${name}.wav`);
    const fade = ['fade', 'l', '0.005', String(seconds), String(seconds - 0.02)];
    const fundamental = join(workDir, `${name}-1.wav`);
    const octave = join(workDir, `${name}-2.wav`);
    sox(['-n', ...FORMAT, fundamental, 'synth', String(seconds), 'sine', String(hz), ...fade]);
    sox(['-n', ...FORMAT, octave, 'synth', String(seconds), 'sine', String(hz * 2), ...fade, 'vol', '0.3']);
    sox(['-m', fundamental, octave, file]);
    return file;
  };
  sox([tone('ding', 659.25, 0.55), tone('dong', 523.25, 0.9), ...FORMAT, target, 'norm', '-4', 'pad', '0', '0.15']);
}

function makeClip(clip: Clip, target: string, workDir: string): void {
  switch (clip.source.kind) {
    case 'pinyin':
      return speak('cmn-latn-pinyin', clip.source.pinyin, target, workDir);
    case 'english':
      // en-us says Z as "zee", closer to how Chinese halls say it than British "zed".
      return speak('en-us', clip.source.word, target, workDir);
    case 'chime':
      return chime(target, workDir);
    case 'silence':
      return sox(['-n', ...FORMAT, target, 'trim', '0', String(clip.source.seconds)]);
  }
}

function main(): void {
  const { force, outDir } = parseArgs(process.argv.slice(2));
  requireTool('espeak-ng', '--version');
  requireTool('sox', '--version');
  mkdirSync(outDir, { recursive: true });
  const workDir = mkdtempSync(join(tmpdir(), 'voice-pack-'));
  let made = 0;
  try {
    for (const clip of CLIPS) {
      const target = join(outDir, `${clip.name}.wav`);
      if (!force && existsSync(target)) continue;
      // Write beside, then rename: an interrupted run never leaves a half file that looks done.
      const partial = join(workDir, `${clip.name}.wav`);
      makeClip(clip, partial, workDir);
      renameSync(partial, target);
      made += 1;
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  const known = new Set(CLIPS.map((clip) => `${clip.name}.wav`));
  const files = readdirSync(outDir).filter((file) => file.endsWith('.wav'));
  const unknown = files.filter((file) => !known.has(file));
  if (unknown.length > 0) console.warn(`make-voice-pack: not in clips.ts, never played: ${unknown.join(', ')}`);
  const totalBytes = files.reduce((sum, file) => sum + statSync(join(outDir, file)).size, 0);
  console.log(
    `make-voice-pack: ${made} made, ${CLIPS.length - made} kept, ${CLIPS.length} clips, ` +
      `${(totalBytes / 1024).toFixed(0)} KiB in ${outDir}`,
  );
}

main();
