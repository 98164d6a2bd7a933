export declare const undefinedVariable: import("../rule.js").Rule<"undefined", "bind-port">;
