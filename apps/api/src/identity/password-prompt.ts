import type { Readable, Writable } from 'node:stream';

/** What the users command reads from and writes to: the process's own streams, or a test's. */
export interface CommandIo {
  readonly stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/**
 * Asks for a password on the terminal without echoing it (raw mode: each key is read, nothing is printed),
 * twice, and insists both match. Without a terminal (a script, a test) the password is the first line of
 * standard input, so it never has to appear in a command line, the shell history or `ps`.
 */
export async function readNewPassword(io: CommandIo, prompt: string): Promise<string> {
  if (io.stdin.isTTY !== true || io.stdin.setRawMode === undefined) return firstLine(io.stdin);
  const first = await readHidden(io, `${prompt}: `);
  const again = await readHidden(io, 'The same password again: ');
  if (first !== again) throw new Error('the two passwords differ: nothing was changed');
  return first;
}

async function firstLine(stdin: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

function readHidden(io: CommandIo, prompt: string): Promise<string> {
  const stdin = io.stdin;
  io.stderr.write(prompt);
  stdin.setRawMode?.(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (error?: Error): void => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const char of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003') return done(new Error('cancelled'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}
