export declare const DEFAULT_CHROMIUM: string;
export declare const CHROMIUM_ARGS: readonly string[];
export declare function chromiumPath(explicit?: string): string;
export declare const WEBGL_ARGS: readonly string[];
