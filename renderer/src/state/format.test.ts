import { describe, expect, it } from 'vitest';
import { baseName, formatBytes, formatDateTime, formatDuration, runDurationMs } from './format.js';

describe('formatDuration', () => {
  it('reads naturally at every scale, with the locale decimal mark', () => {
    expect(formatDuration(850, 'en')).toBe('850 ms');
    expect(formatDuration(1234, 'en')).toBe('1.2 s');
    expect(formatDuration(1234, 'fr')).toBe('1,2 s');
    expect(formatDuration(125_000, 'fr')).toBe('2 min 05 s');
    expect(formatDuration(3_720_000, 'en')).toBe('1 h 02 min');
    expect(formatDuration(-1, 'en')).toBe('—');
  });
});

describe('runDurationMs', () => {
  it('measures across offsets and is null while running', () => {
    expect(runDurationMs({ started_at: '2026-03-29T01:59:59.000+01:00', finished_at: '2026-03-29T03:00:01.000+02:00' })).toBe(2000);
    expect(runDurationMs({ started_at: '2026-03-29T01:59:59.000+01:00', finished_at: null })).toBeNull();
  });
});

describe('formatBytes', () => {
  it('uses the units a file manager shows in each language', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(1536, 'fr')).toBe('1,5 Ko');
    expect(formatBytes(5 * 1024 * 1024, 'fr')).toBe('5 Mo');
  });
});

describe('formatDateTime', () => {
  it('shows the local time (TZ=Europe/Paris in tests) and keeps unreadable text as is', () => {
    expect(formatDateTime('2026-01-31T21:02:26.427+01:00', 'en', true)).toBe('31 Jan 2026, 21:02:26');
    expect(formatDateTime('2026-01-31T21:02:26.427+01:00', 'fr')).toBe('31 janv. 2026, 21:02');
    expect(formatDateTime('not a date', 'fr')).toBe('not a date');
  });
});

describe('baseName', () => {
  it('takes the last part with either separator', () => {
    expect(baseName('/home/me/out/export-json-20260131-210226.json')).toBe('export-json-20260131-210226.json');
    expect(baseName('C:\\Users\\me\\out\\export-markdown-20260131-210216.md')).toBe('export-markdown-20260131-210216.md');
  });
});
