import { describe, expect, it } from 'vitest';
import { tabAfterKey, tabFromHash } from './tabs.js';

describe('tabs', () => {
  it('opens the tab the hash names, and Tasks for anything else', () => {
    expect(tabFromHash('#collection')).toBe('collection');
    expect(tabFromHash('files')).toBe('files');
    expect(tabFromHash('')).toBe('tasks');
    expect(tabFromHash('#nothing')).toBe('tasks');
  });

  it('moves with the arrow keys, wrapping around, and jumps with Home and End', () => {
    expect(tabAfterKey('tasks', 'ArrowDown')).toBe('files');
    expect(tabAfterKey('application', 'ArrowRight')).toBe('tasks');
    expect(tabAfterKey('tasks', 'ArrowUp')).toBe('application');
    expect(tabAfterKey('euria', 'Home')).toBe('tasks');
    expect(tabAfterKey('files', 'End')).toBe('application');
    expect(tabAfterKey('files', 'a')).toBeNull();
  });
});
