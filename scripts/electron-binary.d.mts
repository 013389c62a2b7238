export declare function electronExecutable(root: string, env?: Record<string, string | undefined>): { executable: string } | { problem: string };
export declare const DESKTOP_NODE: string;
export declare function nodeBuildsDesktop(version: string): boolean;
export declare function cannotStartMessage(why: { problem?: string; nodeVersion?: string }): string;
