/**
 * `aime config set euria.api_key -`: the key is read from stdin (a pipe, a file) or typed at a
 * hidden prompt on a terminal, so it never appears in the process list or the shell history.
 */
import readline from 'node:readline';
import { Writable } from 'node:stream';

/** Keys whose value is a secret: `-` reads them, and they are never printed back. */
export function isSecretKey(key: string): boolean {
  return key.endsWith('api_key') || key.endsWith('token');
}

export async function readSecret(prompt: string, input: NodeJS.ReadStream = process.stdin, echo: NodeJS.WritableStream = process.stderr): Promise<string> {
  if (!input.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of input) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    // One trailing newline is the pipe's (echo, a file), not the key's.
    return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  }
  echo.write(prompt);
  // The terminal echoes what is typed through readline's output: give it one that shows nothing.
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = readline.createInterface({ input, output: silent, terminal: true });
  try {
    return await new Promise<string>((resolve) => rl.question('', resolve));
  } finally {
    rl.close();
    echo.write('\n');
  }
}
