#!/usr/bin/env node
/**
 * First step of `npm start` and `npm run dist`: before minutes of building, check that this
 * machine can run the desktop app (Electron's binary installed, a Node that builds it). If
 * not, stop at once with one paragraph saying what is missing, why, and what works instead.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cannotStartMessage, electronExecutable, nodeBuildsDesktop } from './electron-binary.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const found = electronExecutable(ROOT);
const oldNode = !nodeBuildsDesktop(process.versions.node);
if ('problem' in found || oldNode) {
  console.error(
    cannotStartMessage({ problem: 'problem' in found ? found.problem : undefined, nodeVersion: oldNode ? process.versions.node : undefined }),
  );
  process.exit(1);
}
