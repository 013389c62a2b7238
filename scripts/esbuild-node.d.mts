import type { BuildOptions } from 'esbuild';
export declare const ESM_REQUIRE_BANNER: string;
export declare const CJS_IMPORT_META_BANNER: string;
export declare function nodeBundleOptions(
  options: { entryPoints: string[] | Record<string, string>; target: string; external?: string[]; format?: 'esm' | 'cjs' } & BuildOptions,
): BuildOptions;
