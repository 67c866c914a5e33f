export declare const ENTRIES: Record<string, string>;
export declare function buildCli(): Promise<void>;
export declare function ensureBuilt(): Promise<string>;
