export declare const envPortCollision: import("../rule.js").Rule<"collision", "bind-port">;
