/**
 * A real engine behind the real HTTP server, on a fresh temporary folder: the set-up shared by
 * the REST API tests and the browser tests (which also pass the built window as `staticDir`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCore, type Core } from '../../electron/core/app.js';
import { startApiServer, type ApiServer } from '../../electron/core/api/index.js';
import { createMemoryLogger } from '../../electron/core/log.js';
import { tempDir } from './temp-dir.js';

export const PREFIX = '/api/v1/services/scheduler';

export interface Served {
  root: string;
  dataDir: string;
  outputDir: string;
  core: Core;
  server: ApiServer;
  base: string;
  logLines: string[];
  opened: string[];
  close(): Promise<void>;
}

/** A small Discogs collection export (the real 13-column header). */
export const DISCOGS_CSV = [
  'Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,Date Added,Collection Media Condition,Collection Sleeve Condition,Collection Notes',
  'VP4188,Augustus Pablo,This Is Augustus Pablo,17 North Parade,"LP, Album, RE, RM",,2011,3068785,Uncategorized,2020-11-18 19:17:05,,,',
  'VP4201,Gregory Isaacs,Mr. Isaacs ,"17 North Parade, Earthquake","LP, RE, RM",,2019,13880176,Uncategorized,2020-11-18 19:18:50,,,',
  'AIR1,AIR,Moon Safari,Parlophone,"LP, Album, RE",,2023,111,Uncategorized,2023-01-01 10:00:00,,,',
  'AIR2,AIR,Talkie Walkie,Virgin,"CD, Album",,2004,112,Uncategorized,2023-01-01 10:00:00,,,',
  'AC1,Alice Cooper,Live From The Astroturf,Ear Music,"LP, Album",,2022,113,Uncategorized,2023-01-01 10:00:00,,,',
  '',
].join('\n');

export interface ServeOptions {
  staticDir?: string;
  heartbeatMs?: number;
  /** Import DISCOGS_CSV through the core before serving. */
  withCollection?: boolean;
  /** This process's output folder (like `--output`); default `<temp>/Scheduled Output`. */
  outputDir?: (root: string) => string;
}

export async function serve(options: ServeOptions = {}): Promise<Served> {
  const root = tempDir();
  const dataDir = path.join(root, 'data');
  const outputDir = options.outputDir ? options.outputDir(root) : path.join(root, 'Scheduled Output');
  const log = createMemoryLogger();
  const opened: string[] = [];
  const core = await createCore({
    dataDir,
    outputDir,
    log,
    // No AIME_EURIA_* from the developer's shell: haikus come from the offline writer.
    env: {},
    homeDir: root,
    openPath: async (dir) => {
      opened.push(dir);
      return true;
    },
  });
  await core.start();
  if (options.withCollection) {
    const csv = path.join(root, 'collection.csv');
    fs.writeFileSync(csv, DISCOGS_CSV);
    await core.api.importCollection({ path: csv, format: 'discogs-csv' });
  }
  const server = await startApiServer({
    api: core.api,
    port: 0,
    log,
    staticDir: options.staticDir,
    heartbeatMs: options.heartbeatMs,
  });
  return {
    root,
    dataDir,
    outputDir,
    core,
    server,
    base: server.url,
    logLines: log.lines,
    opened,
    async close() {
      await server.close();
      await core.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
