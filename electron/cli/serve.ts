/** `aime serve`: the scheduler, the REST API and the settings page, until Ctrl-C. */
import fs from 'node:fs';
import path from 'node:path';
import { AimeError } from '../../shared/contract.js';
import { startApiServer } from '../core/api/index.js';
import type { CommandContext } from './context.js';
import { defaultIo } from './io.js';
import { packageRoot } from './package-root.js';

export function rendererDist(): string {
  return path.join(packageRoot(), 'renderer', 'dist');
}

export function parsePort(text: string | undefined): number {
  if (text === undefined) return 8000;
  if (!/^\d+$/.test(text) || Number(text) > 65535) {
    throw new AimeError('invalid_input', `--port must be a port number 0–65535 (got ${JSON.stringify(text)})`);
  }
  return Number(text);
}

export async function execute({ values, io, openCore }: CommandContext): Promise<number> {
  const port = parsePort(values.port as string | undefined);
  const core = await openCore({ echoLog: true });
  await core.start();
  if (values.demo) await core.api.importCollection({ demo: true });
  const dist = rendererDist();
  const staticDir = fs.existsSync(path.join(dist, 'index.html')) ? dist : undefined;
  const server = await startApiServer({ api: core.api, port, staticDir, log: core.log.child('api') });
  io.out(`listening on ${server.url}`);
  if (!staticDir) io.err('note: the settings page is not built (npm run build:renderer); the API works without it');
  const signal = await (io.untilStopped ?? defaultIo().untilStopped!)();
  core.log.info(`${signal}: stopping`);
  await server.close();
  return 0;
}
