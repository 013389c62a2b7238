#!/usr/bin/env node
// The `aime` command. The sources are TypeScript; tsx compiles them on load so that
// `npx aime …` works right after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli.ts');
process.exitCode = await main(process.argv.slice(2));
