export declare const volumeName: import("../rule.js").Rule<"unnamed", "name-volume">;
