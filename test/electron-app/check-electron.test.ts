/**
 * `npm start` on a machine without Electron's binary (this one): scripts/check-electron.mjs
 * must stop at once with one paragraph, not build for minutes and print a stack.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cannotStartMessage, electronExecutable, nodeBuildsDesktop } from '../../scripts/electron-binary.mjs';
import { REPO } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

let temp: string | undefined;
afterEach(() => temp && fs.rmSync(temp, { recursive: true, force: true }));

/** A checkout-shaped folder with node_modules/electron as the electron npm package leaves it. */
function fakeCheckout(withPathTxt: boolean, withBinary: boolean): string {
  temp = tempDir('aime-electron-bin-');
  const pkg = path.join(temp, 'node_modules', 'electron');
  fs.mkdirSync(path.join(pkg, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(pkg, 'package.json'), '{"name":"electron"}');
  if (withPathTxt) fs.writeFileSync(path.join(pkg, 'path.txt'), 'electron');
  if (withBinary) fs.writeFileSync(path.join(pkg, 'dist', 'electron'), '');
  return temp;
}

describe("Electron's binary", () => {
  it('is found where the electron package records it, and its absence is named', () => {
    expect(electronExecutable(fakeCheckout(true, true), {})).toEqual({ executable: path.join(temp!, 'node_modules', 'electron', 'dist', 'electron') });
    expect(electronExecutable(fakeCheckout(false, false), {})).toEqual({ problem: expect.stringMatching(/path\.txt is missing/) });
    expect(electronExecutable(fakeCheckout(true, false), {})).toEqual({ problem: expect.stringMatching(/dist[\\/]electron does not exist/) });
    expect(electronExecutable(tempDir('aime-no-electron-'), {})).toEqual({ problem: 'node_modules/electron is missing' });
  });

  it('needs Node 22.12+ to build the desktop app', () => {
    expect(nodeBuildsDesktop('20.19.0')).toBe(false);
    expect(nodeBuildsDesktop('22.11.9')).toBe(false);
    expect(nodeBuildsDesktop('22.12.0')).toBe(true);
    expect(nodeBuildsDesktop('24.1.0')).toBe(true);
  });

  it('makes npm start stop at once with one paragraph naming what is missing and npm run serve', () => {
    const emptyDist = tempDir('aime-empty-dist-');
    try {
      const result = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'check-electron.mjs')], {
        env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: emptyDist },
        encoding: 'utf8',
        timeout: 5_000,
      });
      expect(result.status).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^The desktop app cannot start: Electron's binary is not installed/);
      expect(lines[0]).toContain('`npm run serve`');
      expect(result.stdout).toBe('');
    } finally {
      fs.rmSync(emptyDist, { recursive: true, force: true });
    }
  });

  it('says why for an old Node too', () => {
    expect(cannotStartMessage({ nodeVersion: '20.19.0' })).toMatch(/this is Node 20\.19\.0, and the desktop build needs Node 22\.12\.0 or newer/);
  });

  it('is checked before any build in npm start and npm run dist', () => {
    const scripts = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).scripts as Record<string, string>;
    expect(scripts.start).toMatch(/^node scripts\/check-electron\.mjs && /);
    expect(scripts.dist).toMatch(/^node scripts\/check-electron\.mjs && /);
  });
});
