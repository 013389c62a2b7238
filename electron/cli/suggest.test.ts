import { describe, expect, it } from 'vitest';
import { editDistance, nearest } from './suggest.js';

describe('command suggestions', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('rnu', 'run')).toBe(1);
    expect(editDistance('statsu', 'status')).toBe(1);
    expect(editDistance('serve', 'serve')).toBe(0);
    expect(editDistance('', 'run')).toBe(3);
  });

  it('suggests the nearest command only when it is near', () => {
    const names = ['serve', 'run', 'import', 'config', 'status', 'history', 'euria'];
    expect(nearest('rnu', names)).toBe('run');
    expect(nearest('Import', names)).toBe('import');
    expect(nearest('confg', names)).toBe('config');
    expect(nearest('histroy', names)).toBe('history');
    expect(nearest('frobnicate', names)).toBeUndefined();
  });
});

describe('the help texts', () => {
  it("list the import formats of the contract (commands.ts spells them out to keep zod out of --help)", async () => {
    const { IMPORT_FORMATS } = await import('../../shared/api.js');
    const { IMPORT_FORMAT_NAMES } = await import('./commands.js');
    expect([...IMPORT_FORMAT_NAMES]).toEqual([...IMPORT_FORMATS]);
  });
});
