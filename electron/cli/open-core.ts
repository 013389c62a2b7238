/** Builds the engine for one CLI command; loaded only by commands that need it. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createCore, type Core, type CoreOptions } from '../core/app.js';
import { createFileLogger } from '../core/log.js';

/** Opens a folder with the desktop's file manager (used by `serve`'s "open output folder"). */
function openWithDesktop(dir: string): Promise<boolean> {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  return new Promise((resolve) => {
    const child = spawn(command, [dir], { stdio: 'ignore', detached: true });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}

export function openCore(options: {
  dataDir: string;
  outputDir?: string;
  env: Record<string, string | undefined>;
  echoLog: boolean;
  extra?: Partial<CoreOptions>;
}): Promise<Core> {
  return createCore({
    dataDir: options.dataDir,
    outputDir: options.outputDir,
    env: options.env,
    log: createFileLogger({ dir: path.join(options.dataDir, 'logs'), echo: options.echoLog }),
    openPath: openWithDesktop,
    ...options.extra,
  });
}
