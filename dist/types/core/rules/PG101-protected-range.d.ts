export declare const protectedRange: import("../rule.js").Rule<"reserved" | "protected", "bind-port">;
