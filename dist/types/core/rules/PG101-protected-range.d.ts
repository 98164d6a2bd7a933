export declare const protectedRange: import("../rule.js").Rule<"protected", "bind-port">;
