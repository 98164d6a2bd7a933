export declare const undeclaredVariable: import("../rule.js").Rule<"undeclared", "bind-port">;
