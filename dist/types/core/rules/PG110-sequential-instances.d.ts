export declare const sequentialInstances: import("../rule.js").Rule<"gap", never>;
