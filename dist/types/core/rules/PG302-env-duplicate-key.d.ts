export declare const envDuplicateKey: import("../rule.js").Rule<"duplicate", never>;
