import { describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import { paint, wantsColour } from './colour.js';

function capture(isTTY: boolean, env: Record<string, string>) {
  const err: string[] = [];
  return { io: { out: () => undefined, err: (line: string) => err.push(line), env, isTTY }, err };
}

describe('colour', () => {
  it('is used on a terminal only, and never under NO_COLOR or TERM=dumb', () => {
    expect(wantsColour({ isTTY: true, env: {} })).toBe(true);
    expect(wantsColour({ isTTY: false, env: {} })).toBe(false);
    expect(wantsColour({ isTTY: true, env: { NO_COLOR: '1' } })).toBe(false);
    expect(wantsColour({ isTTY: true, env: { TERM: 'dumb' } })).toBe(false);
    expect(paint({ isTTY: true, env: {} }).red('x')).toBe('\x1b[31mx\x1b[0m');
    expect(paint({ isTTY: true, env: { NO_COLOR: 'yes' } }).red('x')).toBe('x');
  });

  it('marks the error prefix in red on a terminal, plain under NO_COLOR', async () => {
    const tty = capture(true, {});
    expect(await main(['frobnicate'], tty.io)).toBe(2);
    expect(tty.err[0]).toMatch(/^\x1b\[31maime:\x1b\[0m unknown command "frobnicate"/);
    const noColour = capture(true, { NO_COLOR: '1' });
    expect(await main(['frobnicate'], noColour.io)).toBe(2);
    expect(noColour.err[0]).toMatch(/^aime: unknown command "frobnicate"/);
  });
});
