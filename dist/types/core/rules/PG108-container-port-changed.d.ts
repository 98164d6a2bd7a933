export declare const containerPortChanged: import("../rule.js").Rule<"changed", never>;
