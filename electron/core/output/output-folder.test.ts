/** The output folder's one owner: override, current value, set, ensure and validation. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AimeError } from '../../../shared/contract.js';
import { createMemoryLogger } from '../log.js';
import { createJsonFileBackend } from '../settings/backend.js';
import { createSettingsStore } from '../settings/store.js';
import { createOutputFolder } from './output-folder.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function setup() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aime-outfolder-'));
  dirs.push(root);
  const settings = createSettingsStore({
    backendFactory: () => createJsonFileBackend(root),
    file: path.join(root, 'settings.json'),
    defaultOutputDir: path.join(root, 'Scheduled Output'),
    clock: { now: () => new Date(2026, 0, 31, 21, 9, 50) },
    log: createMemoryLogger(),
  });
  return { root, settings };
}

function thrown(fn: () => unknown): AimeError {
  try {
    fn();
  } catch (error) {
    return error as AimeError;
  }
  throw new Error('expected a throw');
}

describe('output folder', () => {
  it('uses --output over the settings until a folder is set, and the change event already shows the new one', () => {
    const { root, settings } = setup();
    const folder = createOutputFolder({ settings, override: path.join(root, 'cli-out') });
    expect(folder.current()).toBe(path.join(root, 'cli-out'));
    expect(folder.overridden()).toBe(true);
    const seen: string[] = [];
    settings.onChange(() => seen.push(folder.current()));
    const chosen = path.join(root, 'chosen', 'nested');
    expect(folder.set(chosen)).toBe(chosen);
    expect(fs.statSync(chosen).isDirectory()).toBe(true);
    expect(folder.current()).toBe(chosen);
    expect(folder.overridden()).toBe(false);
    expect(settings.get().output_dir).toBe(chosen);
    expect(seen).toEqual([chosen]);
  });

  it('refuses a relative path, a file, and a folder inside a file, with the same messages at every door, saving nothing', () => {
    const { root, settings } = setup();
    const folder = createOutputFolder({ settings });
    const before = settings.get().output_dir;
    const file = path.join(root, 'a-file');
    fs.writeFileSync(file, '');
    expect(thrown(() => folder.set('exports')).message).toMatch(/absolute folder path \(got "exports"\)/);
    expect(thrown(() => folder.set(file))).toMatchObject({ code: 'invalid_input', message: `the output folder "${file}" is a file, not a folder` });
    expect(thrown(() => folder.set(path.join(file, 'out'))).message).toMatch(/cannot create the output folder/);
    expect(settings.get().output_dir).toBe(before);
    // --output is checked the same way when the process starts.
    expect(thrown(() => createOutputFolder({ settings, override: file })).message).toBe(
      `--output: the output folder "${file}" is a file, not a folder`,
    );
  });

  it('ensure() recreates the folder in use when it was removed', () => {
    const { root, settings } = setup();
    const folder = createOutputFolder({ settings });
    expect(folder.ensure()).toBe(path.join(root, 'Scheduled Output'));
    fs.rmSync(path.join(root, 'Scheduled Output'), { recursive: true });
    folder.ensure();
    expect(fs.statSync(path.join(root, 'Scheduled Output')).isDirectory()).toBe(true);
  });
});
