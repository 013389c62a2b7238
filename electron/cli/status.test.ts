import { describe, expect, it } from 'vitest';
import { describeHolder, describeScheduler } from './status.js';

const holder = { pid: 42, started_at: '2026-01-31T21:00:00.000+01:00', self: false };

describe('where the scheduler runs', () => {
  it('names the desktop app or aime serve with its port, or this process', () => {
    expect(describeHolder({ ...holder, program: 'app', port: 8000 })).toBe('the desktop app on port 8000 (pid 42)');
    expect(describeHolder({ ...holder, program: 'serve', port: null })).toBe('aime serve (pid 42)');
    expect(describeHolder({ ...holder, program: null, port: null })).toBe('another AIME process (pid 42)');
    expect(describeHolder({ ...holder, program: 'serve', port: 8000, self: true })).toBe('this process');
  });

  it('says when no scheduler runs even though the timers are enabled', () => {
    expect(describeScheduler(true, null)).toBe(
      'scheduler: not running (no desktop app or aime serve is open on this data folder); timers enabled',
    );
    expect(describeScheduler(false, { ...holder, program: 'serve', port: 8080 })).toBe(
      'scheduler: running in aime serve on port 8080 (pid 42); timers paused',
    );
  });
});
