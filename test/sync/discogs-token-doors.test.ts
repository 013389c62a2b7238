/**
 * A linked Discogs account's token through every door of one real engine: linked over HTTP
 * for one fake Discogs API, then the engine restarted with AIME_DISCOGS_API_URL pointing at a
 * second fake (another port: another origin). The token never reaches the second fake until it
 * is entered again there, and no answer (REST, IPC) and no log line ever carries it.
 * The CLI's doors (`source list --json`, the log file) are in cli-sources.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app.js';
import { startApiServer, type ApiServer } from '../../electron/core/api/index.js';
import { createMemoryLogger } from '../../electron/core/log.js';
import { registerIpcHandlers } from '../../electron/main/ipc.js';
import { methodChannel } from '../../electron/preload/channels.js';
import { FakeBrowserWindow, FakeIpcMain, createFakeElectron } from '../support/fake-electron.js';
import { fakeReleases, startFakeDiscogs, type FakeDiscogs } from '../support/fake-discogs.js';
import { createIsolatedCore } from '../support/isolated-core.js';
import { PREFIX } from '../support/served-core.js';
import { tempDir } from '../support/temp-dir.js';

const TOKEN = 'discogs-owner-token-7f3a9c';

let root: string;
let linkedAt: FakeDiscogs;
let elsewhere: FakeDiscogs;
let logLines: string[];
const open: Array<{ core: Core; server: ApiServer }> = [];

beforeEach(async () => {
  root = tempDir('aime-discogs-doors-');
  logLines = [];
  linkedAt = await startFakeDiscogs();
  elsewhere = await startFakeDiscogs();
  for (const fake of [linkedAt, elsewhere]) fake.users.set('collector', { releases: fakeReleases(4), token: TOKEN, private: true });
});
afterEach(async () => {
  for (const { core, server } of open.splice(0)) {
    await server.close();
    await core.close();
  }
  await linkedAt.close();
  await elsewhere.close();
  fs.rmSync(root, { recursive: true, force: true });
});

/** The engine on the shared data folder, talking to `discogs`, behind the real HTTP server. */
async function engineFor(discogs: FakeDiscogs) {
  const log = createMemoryLogger(logLines);
  const core = await createIsolatedCore({
    dataDir: path.join(root, 'data'),
    homeDir: root,
    log,
    env: { AIME_DISCOGS_API_URL: discogs.url },
  });
  const server = await startApiServer({ api: core.api, port: 0, log, token: core.apiToken });
  open.push({ core, server });
  const http = async (method: string, route: string, body?: unknown) => {
    const res = await fetch(`${server.url}${PREFIX}${route}`, {
      method,
      headers: { authorization: `Bearer ${core.apiToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, text: await res.text() };
  };
  return { core, http };
}

it('links over HTTP, never sends the token to another origin, and no door returns or logs it', async () => {
  const first = await engineFor(linkedAt);
  const added = await first.http('POST', '/sources', { kind: 'discogs', username: 'collector', token: TOKEN });
  expect(added.status).toBe(200);
  expect(JSON.parse(added.text)).toMatchObject({ id: 1, has_token: true });
  const synced = await first.http('POST', '/sync');
  expect(synced.status).toBe(200);
  expect(linkedAt.requests.map((r) => r.authorization)).toEqual([`Discogs token=${TOKEN}`]);

  const { core, http } = await engineFor(elsewhere);
  const refused = await http('POST', '/sync');
  expect(refused.status).toBe(500);
  expect(refused.text).toContain(`was entered for ${linkedAt.url}, and the Discogs API is now ${elsewhere.url}`);
  expect(elsewhere.requests).toEqual([]);
  expect((await core.api.collectionStats()).albums).toBe(4);

  // Every door that shows sources: REST, IPC (the desktop window), the service itself.
  const listed = await http('GET', '/sources');
  expect(JSON.parse(listed.text)).toEqual([
    expect.objectContaining({ id: 1, has_token: true, last_result: expect.objectContaining({ status: 'failed' }) }),
  ]);
  createFakeElectron();
  const ipcMain = new FakeIpcMain();
  const win = new FakeBrowserWindow({});
  registerIpcHandlers({ ipcMain, api: core.api, isTrusted: () => true, log: createMemoryLogger(logLines) });
  const overIpc = await ipcMain.invoke(methodChannel('listSources'), win.webContents.invokeEvent());
  expect(overIpc).toMatchObject({ ok: true, value: [{ id: 1, has_token: true }] });
  for (const answer of [added.text, synced.text, refused.text, listed.text, JSON.stringify(overIpc)]) {
    expect(answer).not.toContain(TOKEN);
  }

  // Entered again for this origin: the same source, and now the token goes here.
  const again = await http('POST', '/sources', { kind: 'discogs', username: 'collector', token: TOKEN });
  expect(again.status).toBe(200);
  expect(again.text).not.toContain(TOKEN);
  expect(JSON.parse((await http('GET', '/sources')).text)).toHaveLength(1);
  expect((await http('POST', '/sync')).status).toBe(200);
  expect(elsewhere.requests.map((r) => r.authorization)).toEqual([`Discogs token=${TOKEN}`]);
  expect(logLines.join('\n')).toContain('source 1: its Discogs token was entered again');
  expect(logLines.join('\n')).not.toContain(TOKEN);
});
