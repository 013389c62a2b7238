/**
 * Desktop preferences through every door (DESIGN.md §8): start at login, notifications and the
 * REST API (on/off, port) are read and changed through the API (getApplication /
 * updateApplication), `aime config set` keys and the window; the host follows a change at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AimeEvent, ApplicationView } from '../shared/api.js';
import type { Core } from '../electron/core/app.js';
import { createHost, type Host } from '../electron/core/host.js';
import { readLockHolder } from '../electron/core/schedule/index.js';
import { main } from '../electron/cli.js';
import { createIsolatedCore } from './support/isolated-core.js';
import { freePort } from './support/ports.js';
import { tempDir } from './support/temp-dir.js';

const PREFIX = '/api/v1/services/scheduler';
let data: string;
let home: string;
let core: Core;
let host: Host;

beforeEach(async () => {
  data = tempDir('aime-app-');
  home = tempDir('aime-home-');
  core = await createIsolatedCore({ dataDir: data, homeDir: home });
  core.settings.update((draft) => void (draft.api.port = 1)); // replaced per test, never 8000
});
afterEach(async () => {
  await host?.close();
  await core.close();
  fs.rmSync(data, { recursive: true, force: true });
  fs.rmSync(home, { recursive: true, force: true });
});

async function within(ms: number, probe: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the application preferences over HTTP', () => {
  it('reads them with where the API answers, changes them, refuses bad ones, and moves the API when asked', async () => {
    const port = await freePort();
    core.settings.update((draft) => void (draft.api.port = port));
    host = createHost({ core });
    await host.start();
    const base = `http://127.0.0.1:${port}${PREFIX}`;
    const events: AimeEvent[] = [];
    core.api.subscribe((e) => events.push(e));

    const view = (await (await fetch(`${base}/application`)).json()) as ApplicationView;
    expect(view).toEqual({
      desktop: { start_at_login: false, notify_on_success: false, notify_on_failure: true },
      api: { enabled: true, port, url: `http://127.0.0.1:${port}`, problem: null },
    });

    const patch = (body: unknown) =>
      fetch(`${base}/application`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const changed = await patch({ desktop: { start_at_login: true, notify_on_success: true } });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as ApplicationView).desktop).toEqual({ start_at_login: true, notify_on_success: true, notify_on_failure: true });
    expect(core.settings.get().desktop).toMatchObject({ start_at_login: true, notify_on_success: true });
    expect(events.some((e) => e.type === 'config-changed')).toBe(true);

    const before = fs.readFileSync(path.join(data, 'settings.json'), 'utf8');
    for (const bad of [{ api: { port: 70000 } }, { api: { port: 'x' } }, { desktop: { start_at_login: 'yes' } }, { colour: 'blue' }]) {
      const refused = await patch(bad);
      expect(refused.status).toBe(422);
      expect(((await refused.json()) as { code: string }).code).toBe('invalid_input');
    }
    expect(fs.readFileSync(path.join(data, 'settings.json'), 'utf8')).toBe(before);

    // Moving the API through the API itself: the answer comes back, then the API moves.
    const next = await freePort();
    const moved = await patch({ api: { port: next } });
    expect(moved.status).toBe(200);
    await within(1000, () => host.apiState().url === `http://127.0.0.1:${next}`);
    expect(readLockHolder(data)?.port).toBe(next);
    const answer = (await (await fetch(`http://127.0.0.1:${next}${PREFIX}/application`)).json()) as ApplicationView;
    expect(answer.api).toEqual({ enabled: true, port: next, url: `http://127.0.0.1:${next}`, problem: null });
    expect(await fetch(`${base}/application`).then(() => 'answered', () => 'closed')).toBe('closed');

    const off = await fetch(`http://127.0.0.1:${next}${PREFIX}/application`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ api: { enabled: false } }),
    });
    expect(off.status).toBe(200);
    await within(1000, () => host.apiState().url === null);
    expect(readLockHolder(data)?.port).toBeNull();
    expect(await core.api.getApplication()).toMatchObject({ api: { enabled: false, port: next, url: null, problem: null } });
  });
});

describe('aime config set for the application keys', () => {
  async function aime(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    await core.close(); // the command opens the folder itself, as a separate process would
    const code = await main([...args, '--data', data], { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, coreOptions: { homeDir: home } });
    core = await createIsolatedCore({ dataDir: data, homeDir: home });
    return { code, out, err };
  }

  it('sets start at login, notifications and the API, and refuses a bad port naming the key', async () => {
    expect(await aime(['config', 'set', 'desktop.start_at_login', 'true'])).toMatchObject({ code: 0, out: ['desktop.start_at_login = true'] });
    expect(await aime(['config', 'set', 'desktop.notify_on_failure', 'off'])).toMatchObject({ code: 0 });
    expect(await aime(['config', 'set', 'api.enabled', 'false'])).toMatchObject({ code: 0 });
    expect(await aime(['config', 'set', 'api.port', '8123'])).toMatchObject({ code: 0, out: ['api.port = 8123'] });
    expect(core.settings.get().desktop).toMatchObject({ start_at_login: true, notify_on_failure: false });
    expect(core.settings.get().api).toEqual({ enabled: false, port: 8123 });
    const bad = await aime(['config', 'set', 'api.port', '70000']);
    expect(bad.code).toBe(2);
    expect(bad.err.join('\n')).toMatch(/api\.port must be between 1 and 65535/);
    expect(core.settings.get().api.port).toBe(8123);
  });
});
