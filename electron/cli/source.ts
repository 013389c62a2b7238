/** `aime source add|list|remove`: the linked sources a sync re-reads. */
import { IMPORT_FORMATS, type ImportFormat } from '../../shared/api.js';
import { AimeError } from '../../shared/contract.js';
import { parseSourceArgument } from '../../shared/sources.js';
import { requireArg } from './args.js';
import type { CommandContext } from './context.js';
import { printJson } from './io.js';
import { describeSource, sourceName } from './source-lines.js';

function parseFormat(text: string | undefined): ImportFormat | undefined {
  if (text === undefined) return undefined;
  if (!(IMPORT_FORMATS as readonly string[]).includes(text)) {
    throw new AimeError('invalid_input', `--format must be one of ${IMPORT_FORMATS.join(', ')} (got ${JSON.stringify(text)})`);
  }
  return text as ImportFormat;
}

function readAllStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.once('error', reject);
  });
}

export async function execute({ args, values, io, api, json }: CommandContext): Promise<number> {
  const sub = requireArg(args[0], 'source add | source list | source remove <id>', 'source');
  switch (sub) {
    case 'add': {
      const target = parseSourceArgument(requireArg(args[1], 'file or discogs:USERNAME', 'source'));
      let token = values.token as string | undefined;
      if (token === '-') token = (await (io.readStdin ?? readAllStdin)()).trim();
      let source;
      if ('path' in target) {
        if (token !== undefined) throw new AimeError('invalid_input', '--token is for a Discogs account (discogs:USERNAME)');
        source = await (await api()).addSource({ path: target.path, kind: parseFormat(values.format as string | undefined) });
      } else {
        source = await (await api()).addSource({ kind: 'discogs', username: target.username, token });
      }
      if (json) printJson(io, source);
      else io.out(describeSource(source));
      return 0;
    }
    case 'list': {
      const sources = await (await api()).listSources();
      if (json) printJson(io, sources);
      else if (sources.length === 0) io.out('no linked source (aime source add <file | discogs:USERNAME>)');
      else sources.forEach((source) => io.out(describeSource(source)));
      return 0;
    }
    case 'remove': {
      const id = requireArg(args[1], 'source id (see aime source list)', 'source');
      const removed = await (await api()).removeSource(id);
      if (json) printJson(io, removed);
      else io.out(`unlinked #${removed.source.id} ${sourceName(removed.source)}; ${removed.removed} albums removed`);
      return 0;
    }
    default:
      throw new AimeError('invalid_input', `unknown source command ${JSON.stringify(sub)}: use add, list or remove`);
  }
}
