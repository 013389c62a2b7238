import type { GeneratedFile } from '../../../shared/api.js';

/** The -N a same-second file gets before its extension; the first one has none (1). */
function clashIndex(name: string): number {
  const match = /-\d{8}-\d{6}(?:-(\d+))?\.[A-Za-z]+$/.exec(name);
  return match?.[1] ? Number(match[1]) : 1;
}

/** Newest first by the time in the name; same-second files by their -N, the later first. */
export function newestFirst(files: readonly GeneratedFile[]): GeneratedFile[] {
  return [...files].sort(
    (a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || clashIndex(b.name) - clashIndex(a.name),
  );
}
