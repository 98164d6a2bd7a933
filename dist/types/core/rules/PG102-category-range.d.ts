export declare const categoryRange: import("../rule.js").Rule<"outside", "bind-port">;
