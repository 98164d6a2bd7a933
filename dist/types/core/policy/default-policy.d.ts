import type { Policy } from "./types.js";
/**
 * The embedded default: the convention of SPEC §1 (databases 7000-7099, admin UIs 7100-7199,
 * exporters 7200-7299, nothing else in 7000-7999).
 */
export declare const DEFAULT_POLICY: Policy;
