export interface CodeCachedModule {
  exports: unknown;
  /** Whether V8 took the compiled code from the cache file. */
  cached: boolean;
  /** Writes the cache file when it was not used; never throws. */
  save(): void;
}
export function requireWithCodeCache(file: string, cacheFile: string): CodeCachedModule;
