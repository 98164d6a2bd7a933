export declare const portConflict: import("../rule.js").Rule<"conflict", "bind-port">;
