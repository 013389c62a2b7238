export declare const STAMP_FILE: string;
export declare function cliBuildIsFresh(root: URL, dir?: string): boolean;
