/** The part of the docs that counts: inside the portguard markers when they exist. */
export declare function documentedText(text: string): string;
export declare const undocumentedPort: import("../rule.js").Rule<"missing", never>;
