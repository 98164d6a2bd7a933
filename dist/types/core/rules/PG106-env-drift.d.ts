export declare const envDrift: import("../rule.js").Rule<"drift", "bind-port">;
