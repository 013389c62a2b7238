/**
 * Colour for people at a terminal only: never when the output is piped or captured, and never
 * when NO_COLOR is set to anything (https://no-color.org).
 */
import type { CliIo } from './io.js';

export interface Paint {
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
}

const sgr = (code: number) => (text: string) => `\x1b[${code}m${text}\x1b[0m`;
const plain = (text: string) => text;

export function wantsColour(io: Pick<CliIo, 'isTTY' | 'env'>): boolean {
  return Boolean(io.isTTY) && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
}

export function paint(io: Pick<CliIo, 'isTTY' | 'env'>): Paint {
  return wantsColour(io)
    ? { red: sgr(31), green: sgr(32), yellow: sgr(33), dim: sgr(2) }
    : { red: plain, green: plain, yellow: plain, dim: plain };
}

/** A run or task status word, coloured by what it means. */
export function paintStatus(p: Paint, status: string): string {
  if (status === 'completed') return p.green(status);
  if (status === 'failed') return p.red(status);
  if (status === 'skipped' || status === 'running') return p.yellow(status);
  return status;
}
