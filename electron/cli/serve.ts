/** `aime serve`: the scheduler, the REST API and the settings page, until Ctrl-C. */
import fs from 'node:fs';
import path from 'node:path';
import { AimeError } from '../../shared/contract.js';
import { createHost } from '../core/host.js';
import type { CommandContext } from './context.js';
import { defaultIo } from './io.js';
import { openWithDesktop } from './open-core.js';
import { packageRoot } from './package-root.js';

export function rendererDist(): string {
  return path.join(packageRoot(), 'renderer', 'dist');
}

/** A desktop to open a browser on: always on macOS and Windows, X11 or Wayland elsewhere. */
function hasDisplay(env: Record<string, string | undefined>): boolean {
  return process.platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** `--port`; without it `aime serve` uses the settings' api.port (8000 unless changed). */
export function parsePort(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) > 65535) {
    throw new AimeError('invalid_input', `--port must be a port number 0–65535 (got ${JSON.stringify(text)})`);
  }
  return Number(text);
}

export async function execute({ values, io, openCore }: CommandContext): Promise<number> {
  const port = parsePort(values.port as string | undefined);
  const core = await openCore({ echoLog: true });
  const dist = rendererDist();
  const staticDir = fs.existsSync(path.join(dist, 'index.html')) ? dist : undefined;
  // The same host as the desktop app's: core, scheduler, API and settings page; its port goes in the lock.
  const host = createHost({ core, staticDir, port, alwaysServe: true });
  await host.start();
  try {
    const api = host.apiState();
    // `aime serve` is there to serve: a taken port ends it (the desktop app runs on without the API).
    if (!api.url) throw new AimeError('invalid_input', `${api.problem ?? 'the API could not start'}; choose another with --port`);
    if (values.demo) await core.api.importCollection({ demo: true }, 'cli');
    io.out(`listening on ${api.url}`);
    const page = staticDir ? host.ownerUrl() : null;
    if (page) {
      // A one-time link: the page trades it for an HttpOnly cookie, then only this browser is the owner.
      io.out(`settings page: ${page}`);
      if (values.open && hasDisplay(io.env)) void openWithDesktop(page);
    } else {
      io.err('note: the settings page is not built (npm run build:renderer); the API works without it');
    }
    const signal = await (io.untilStopped ?? defaultIo().untilStopped!)();
    core.log.info(`${signal}: stopping`);
  } finally {
    await host.close();
  }
  return 0;
}
