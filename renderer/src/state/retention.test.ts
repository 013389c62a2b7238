import { describe, expect, it } from 'vitest';
import { checkRetention } from './retention.js';

describe('checkRetention', () => {
  it.each([
    ['1', 1],
    ['7', 7],
    [' 50 ', 50],
  ])('accepts %j', (text, value) => {
    expect(checkRetention(text)).toEqual({ ok: true, value });
  });

  it.each(['0', '51', '2.5', '', 'abc', '1e1', '-3'])('refuses %j with a reason naming the range', (text) => {
    const check = checkRetention(text);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(/between 1 and 50/);
  });
});
