import { describe, expect, it } from 'vitest';
import type { GeneratedFile } from '../../../shared/api.js';
import { newestFirst } from './files.js';

const file = (name: string, created_at: string): GeneratedFile => ({ kind: 'json', name, path: `/o/${name}`, size: 1, created_at });

describe('newestFirst', () => {
  it('orders by the time in the name, then the later -N suffix first', () => {
    const files = [
      file('export-json-20260131-210226.json', '2026-01-31T21:02:26'),
      file('export-json-20260201-080000.json', '2026-02-01T08:00:00'),
      file('export-json-20260131-210226-2.json', '2026-01-31T21:02:26'),
      file('export-json-20260131-210226-10.json', '2026-01-31T21:02:26'),
    ];
    expect(newestFirst(files).map((f) => f.name)).toEqual([
      'export-json-20260201-080000.json',
      'export-json-20260131-210226-10.json',
      'export-json-20260131-210226-2.json',
      'export-json-20260131-210226.json',
    ]);
  });
});
