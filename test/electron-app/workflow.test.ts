/** .github/workflows/desktop.yml runs what the issue asks on each desktop OS (it cannot run here). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/cli.js';

const workflow = fs.readFileSync(path.join(REPO, '.github', 'workflows', 'desktop.yml'), 'utf8');
const scripts = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).scripts as Record<string, string>;

describe('the desktop workflow', () => {
  it('covers Linux, macOS and Windows', () => {
    for (const os of ['ubuntu-latest', 'macos-latest', 'windows-latest']) expect(workflow).toContain(`- os: ${os}`);
  });

  it('installs the lockfile, tests, runs the real app (under xvfb on Linux), packages and uploads', () => {
    const steps = ['npm ci', 'npm test', 'xvfb-run --auto-servernum npm run test:electron', 'npm run dist', 'actions/upload-artifact'];
    const at = steps.map((step) => workflow.indexOf(step));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('names scripts that exist', () => {
    for (const name of ['test', 'test:electron', 'dist']) expect(scripts[name]).toBeTruthy();
    expect(scripts['test:electron']).toBe('tsx test/electron-app/app.e2e.ts');
  });
});
