export declare const registryMismatch: import("../rule.js").Rule<"variable" | "port" | "both" | "unpublished", "bind-port">;
