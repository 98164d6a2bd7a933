export declare const envPortValue: import("../rule.js").Rule<"empty" | "invalid", never>;
