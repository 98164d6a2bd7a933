import type { Rule } from "../rule.js";
/** The part of the docs that counts: inside the portguard markers when they exist. */
export declare function documentedText(text: string): string;
export declare const undocumentedPort: Rule;
