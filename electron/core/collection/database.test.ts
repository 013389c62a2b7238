import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from './database.js';
import { openCompanion, openDatabase } from './database.js';
import { MIGRATIONS } from './migrations.js';
import Database from 'better-sqlite3';
import { tempDir } from '../../../test/support/temp-dir.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** The native class behind a connection: tells which loaded copy of the addon it came from. */
function nativeClass(db: Db): unknown {
  const handle = Object.getOwnPropertySymbols(db).map((s) => (db as unknown as Record<symbol, object>)[s])[0]!;
  return Object.getPrototypeOf(handle).constructor;
}

describe('native binding', () => {
  it('opens companion connections (export snapshots, imported files) with the binding the collection was opened with', () => {
    const dir = tempDir('aime-binding-');
    dirs.push(dir);
    // A copy of npm's build stands for the one built for Electron: a second, distinct addon.
    const npmBuild = createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
    const electronBuild = path.join(dir, 'better_sqlite3.node');
    fs.copyFileSync(npmBuild, electronBuild);

    const file = path.join(dir, 'collection.db');
    const db = openDatabase(file, { nativeBinding: electronBuild });
    const plain = openDatabase(path.join(dir, 'other.db'));
    const companion = openCompanion(db, file, { readonly: true });
    try {
      expect(nativeClass(db)).not.toBe(nativeClass(plain));
      expect(nativeClass(companion)).toBe(nativeClass(db));
      expect(nativeClass(openCompanion(plain, file, { readonly: true }))).toBe(nativeClass(plain));
    } finally {
      companion.close();
      plain.close();
      db.close();
    }
  });
});

describe('schema', () => {
  it('counts albums from the narrow source_id index, not the table or the wide import_key index', () => {
    const dir = tempDir('aime-schema-');
    dirs.push(dir);
    const db = openDatabase(path.join(dir, 'collection.db'));
    try {
      const plan = db.prepare('EXPLAIN QUERY PLAN SELECT count(*) FROM albums').all() as Array<{ detail: string }>;
      expect(plan.map((step) => step.detail)).toEqual(['SCAN albums USING COVERING INDEX albums_by_source_id']);
    } finally {
      db.close();
    }
  });
});

describe('migrations', () => {
  it('binds a Discogs token linked before tokens had an origin to Discogs itself', () => {
    const dir = tempDir('aime-migrate-');
    dirs.push(dir);
    const file = path.join(dir, 'collection.db');
    // A database as the version before origins left it: schema 2, one account with a token, one without.
    const old = new Database(file);
    for (const sql of MIGRATIONS.slice(0, 2)) old.exec(sql);
    old.pragma('user_version = 2');
    const insert = old.prepare('INSERT INTO sources (kind, location, secret, created_at) VALUES (?, ?, ?, ?)');
    insert.run('discogs', 'collector', 'plain:tok', '2026-01-31T21:02:02.000+01:00');
    insert.run('discogs', 'someone', null, '2026-01-31T21:02:02.000+01:00');
    old.close();

    const db = openDatabase(file);
    try {
      expect(db.prepare('SELECT location, secret, secret_origin FROM sources ORDER BY id').all()).toEqual([
        { location: 'collector', secret: 'plain:tok', secret_origin: 'https://api.discogs.com' },
        { location: 'someone', secret: null, secret_origin: null },
      ]);
    } finally {
      db.close();
    }
  });
});
