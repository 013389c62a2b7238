/**
 * electron-builder.yml, checked with electron-builder's own validator (the one `npm run dist`
 * runs first) and for what the native-module strategy depends on.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util/out/DebugLogger.js') as { DebugLogger: new (enabled: boolean) => unknown };

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  linux: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
}

const config = yaml.load(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it('passes electron-builder validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app and builds AppImage + deb, dmg, nsis with the generated icon', () => {
    expect(config.productName).toBe('AIME Scheduler');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    for (const icon of [config.linux.icon, config.mac.icon, config.win.icon]) {
      expect(fs.existsSync(path.join(ROOT, icon)), icon).toBe(true);
    }
  });

  it('ships the Electron build of better-sqlite3 unpacked and never rebuilds node_modules in place', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.files).toContain('dist/native/better_sqlite3.node');
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['dist/native/**', '**/node_modules/better-sqlite3/**/*.node']));
    for (const needed of ['dist/main/**', 'dist/preload/**', 'renderer/dist/**', 'resources/icons/**']) expect(config.files).toContain(needed);
  });

  it('points at the entry file package.json names', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
    expect(pkg.main).toBe('dist/main/main.js');
    expect(pkg.scripts['build:electron']).toBe('node scripts/build-electron.mjs --native');
    expect(pkg.scripts.postinstall).toBeUndefined();
  });
});
