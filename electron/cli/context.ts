/** What the dispatcher (electron/cli.ts) hands to a command module. */
import type { AimeApi } from '../../shared/contract.js';
import type { Core } from '../core/app.js';
import type { CliIo } from './io.js';

export interface CommandContext {
  /** Positional arguments after the command's name. */
  args: string[];
  /** Parsed options (global ones and the command's own). */
  values: Record<string, string | boolean | undefined>;
  io: CliIo;
  dataDir: string;
  /** `--json`: one JSON document on stdout instead of lines for people. */
  json: boolean;
  /** The engine on the data folder, opened on first use and closed by the dispatcher. */
  openCore(options?: { echoLog?: boolean }): Promise<Core>;
  /** The AimeApi a command drives (today always the local core's). */
  api(): Promise<AimeApi>;
}

export interface CommandModule {
  execute(ctx: CommandContext): Promise<number>;
}
