export declare const missingDefault: import("../rule.js").Rule<"noDefault", "bind-port">;
