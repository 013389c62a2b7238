/**
 * Secrets stay with their owner (issue 15): the EurIA key only ever goes to the origin it was
 * entered for, URLs are http(s) only, and the data folder and its private files are owner-only.
 * Real cores on temporary folders, real chat-completions servers on 127.0.0.1.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AimeError } from '../shared/contract.js';
import type { Core } from '../electron/core/app.js';
import { startChatServer, type ChatServer } from './support/fake-openai-server.js';
import { createIsolatedCore } from './support/isolated-core.js';
import { readSecret } from '../electron/cli/secret.js';
import { AIME_BIN, cleanEnv } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';

const KEY = 'sk-owner-secret-0123456789';
let data: string;
let home: string;
let owner: ChatServer;
let thief: ChatServer;
const cores: Core[] = [];

async function open(): Promise<Core> {
  const core = await createIsolatedCore({ dataDir: data, homeDir: home });
  cores.push(core);
  return core;
}

beforeEach(async () => {
  data = path.join(tempDir('aime-secrets-'), 'data');
  home = tempDir('aime-secrets-home-');
  owner = await startChatServer();
  thief = await startChatServer();
});
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  await owner.close();
  await thief.close();
  fs.rmSync(path.dirname(data), { recursive: true, force: true });
  fs.rmSync(home, { recursive: true, force: true });
});

const authorizations = (server: ChatServer) => server.requests.map((r) => r.headers.authorization ?? null);

describe('the EurIA key is bound to the origin it was entered for', () => {
  it('is dropped when the URL moves to another origin, so it never reaches that server', async () => {
    const core = await open();
    await core.api.updateEuria({ url: owner.url, api_key: KEY });
    expect((await core.api.testEuria()).ok).toBe(true);
    expect(authorizations(owner)).toEqual([`Bearer ${KEY}`]);

    const view = await core.api.updateEuria({ url: thief.url });
    expect(view.key_configured).toBe(false);
    await core.api.testEuria();
    expect(authorizations(thief)).toEqual([null]);
    expect(core.settings.get().euria.api_key).toBe('');
    expect(fs.readFileSync(path.join(data, 'settings.json'), 'utf8')).not.toContain(KEY);
  });

  it('keeps the key for another path on the same origin, and binds a key entered with a new URL', async () => {
    const core = await open();
    await core.api.updateEuria({ url: owner.url, api_key: KEY });
    await core.api.updateEuria({ url: `${owner.url}?same=origin` });
    expect((await core.api.getEuria()).key_configured).toBe(true);
    await core.api.updateEuria({ url: thief.url, api_key: 'sk-for-the-second-server' });
    await core.api.testEuria();
    expect(authorizations(thief)).toEqual(['Bearer sk-for-the-second-server']);
  });

  it('is withheld from a URL edited by hand in settings.json', async () => {
    const first = await open();
    await first.api.updateEuria({ url: owner.url, api_key: KEY });
    await first.close();
    const file = path.join(data, 'settings.json');
    const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    raw.euria.url = thief.url;
    fs.writeFileSync(file, JSON.stringify(raw));
    const core = await open();
    expect((await core.api.getEuria()).key_configured).toBe(false);
    await core.api.testEuria();
    expect(authorizations(thief)).toEqual([null]);
  });

  it('binds a key saved before origins were recorded to the URL saved with it', async () => {
    fs.mkdirSync(data, { recursive: true });
    const file = path.join(data, 'settings.json');
    fs.writeFileSync(file, JSON.stringify({ schema_version: 1, euria: { url: owner.url, api_key: KEY, model: 'm', timeout_ms: 5000, concurrency: 1 } }));
    const core = await open();
    expect(core.settings.recovered).toBe(false);
    await core.api.testEuria();
    expect(authorizations(owner)).toEqual([`Bearer ${KEY}`]);
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'data:text/plain,x', 'ftp://127.0.0.1/x', 'http://'])(
    'refuses the URL %s and changes nothing',
    async (url) => {
      const core = await open();
      await core.api.updateEuria({ url: owner.url, api_key: KEY });
      await expect(core.api.updateEuria({ url })).rejects.toThrow(AimeError);
      await expect(core.api.updateEuria({ url })).rejects.toThrow(/euria\.url must be a full http\(s\) URL/);
      expect(core.settings.get().euria).toMatchObject({ url: owner.url, api_key: KEY });
    },
  );
});

describe('file modes', () => {
  it('makes the data folder 0700 and settings.json, its last-good copy, the collection and the log 0600', async () => {
    fs.mkdirSync(data, { recursive: true, mode: 0o755 });
    fs.chmodSync(data, 0o755);
    // A collection left readable by an older version is narrowed too.
    fs.writeFileSync(path.join(data, 'collection.db'), '', { mode: 0o644 });
    fs.chmodSync(path.join(data, 'collection.db'), 0o644);
    const core = await createIsolatedCore({ dataDir: data, homeDir: home, log: undefined });
    cores.push(core);
    await core.api.setMaxFilesPerType(7);
    core.log.info('a line');
    const mode = (p: string) => fs.statSync(path.join(data, p)).mode & 0o777;
    expect(mode('.')).toBe(0o700);
    expect(mode('settings.json')).toBe(0o600);
    expect(mode('settings.last-good.json')).toBe(0o600);
    expect(mode('logs')).toBe(0o700);
    expect(mode('logs/aime.log')).toBe(0o600);
    // It holds a Discogs token in clear where there is no keychain; SQLite gives its WAL the same mode.
    expect(mode('collection.db')).toBe(0o600);
    expect(mode('collection.db-wal')).toBe(0o600);
  });

  it('creates a new collection 0600, with its WAL', async () => {
    const core = await createIsolatedCore({ dataDir: data, homeDir: home });
    cores.push(core);
    await core.api.addSource({ kind: 'discogs', username: 'collector', token: 'a-token' });
    const mode = (p: string) => fs.statSync(path.join(data, p)).mode & 0o777;
    expect(mode('collection.db')).toBe(0o600);
    expect(mode('collection.db-wal')).toBe(0o600);
  });
});

describe('aime config set euria.api_key -', () => {
  it('reads the key from stdin, so it never shows in the process list', () => {
    fs.mkdirSync(data, { recursive: true });
    const result = spawnSync(process.execPath, [AIME_BIN, 'config', 'set', 'euria.api_key', '-', '--data', data], {
      env: cleanEnv(),
      input: `${KEY}\n`,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe('euria.api_key = (set)');
    expect(JSON.parse(fs.readFileSync(path.join(data, 'settings.json'), 'utf8')).euria.api_key).toBe(KEY);
  });

  it('refuses an empty stdin and changes nothing', () => {
    const result = spawnSync(process.execPath, [AIME_BIN, 'config', 'set', 'euria.api_key', '-', '--data', data], {
      env: cleanEnv(),
      input: '',
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/no value for euria\.api_key was read from stdin; nothing changed/);
  });

  it('asks at a hidden prompt on a terminal, echoing nothing of the key', async () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true }) as unknown as NodeJS.ReadStream;
    let shown = '';
    const echo = new Writable({ write: (chunk, _e, done) => void ((shown += String(chunk)), done()) });
    const answer = readSecret('euria.api_key: ', terminal, echo);
    (terminal as unknown as PassThrough).write(`${KEY}\r`);
    expect(await answer).toBe(KEY);
    expect(shown).toBe('euria.api_key: \n');
  });
});
