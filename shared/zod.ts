/**
 * zod, as every schema in this app uses it: import it from here (`import * as z from './zod.js'`),
 * never from 'zod' directly (lint enforces it), so that this configuration comes first.
 *
 * jitless: zod v4 compiles each object schema into a parser with `new Function` on its first
 * parse. That pays only for a schema parsed thousands of times; the app parses most schemas a
 * few times per request or command, where the compile is pure start-up cost (about 14 ms of
 * every `aime` command, issue 14), and the window's strict CSP forbids eval anyway.
 * zod reads this setting when a schema is created, hence before any schema module's body.
 */
import * as z from 'zod';

z.config({ jitless: true });

/**
 * Builds schemas that are parsed once per row of a large file (the JSON import's albums), with
 * zod's compiled parsers: twice as fast there (100k albums: 150 ms instead of 290 ms).
 */
export function withCompiledParsers<T>(build: () => T): T {
  z.config({ jitless: false });
  try {
    return build();
  } finally {
    z.config({ jitless: true });
  }
}

export * from 'zod';
