import { spawn, type ChildProcess } from 'node:child_process';

export interface PtyPair {
  /** The end the transport opens, as if it were /dev/ttyUSB0. */
  printerSide: string;
  /** The end a test reads, standing in for the printer. */
  readerSide: string;
  /** Kills socat: both ends vanish, like pulling the USB-serial cable. */
  cut(): Promise<void>;
}

/**
 * Starts `socat -d -d pty,raw,echo=0 pty,raw,echo=0` and reads the two /dev/pts paths it logs
 * ("N PTY is /dev/pts/3") on stderr.
 */
export async function startPtyPair(): Promise<PtyPair> {
  const socat: ChildProcess = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const paths = await new Promise<string[]>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`socat printed no PTY paths within 5 s:\n${log}`)), 5000);
    socat.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const hint = error.code === 'ENOENT' ? 'socat is not installed (apt-get install socat); the serial tests need its pty pair' : error.message;
      reject(new Error(`cannot start socat: ${hint}`));
    });
    socat.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const found = [...log.matchAll(/PTY is (\S+)/g)].map((match) => match[1]!);
      if (found.length >= 2 && /starting data transfer loop/.test(log)) {
        clearTimeout(timer);
        resolve(found);
      }
    });
  });
  return {
    printerSide: paths[0]!,
    readerSide: paths[1]!,
    cut: () =>
      new Promise<void>((resolve) => {
        if (socat.exitCode !== null || socat.signalCode !== null) return resolve();
        socat.once('exit', () => resolve());
        socat.kill('SIGKILL');
      }),
  };
}
