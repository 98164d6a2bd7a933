export declare const parseError: import("../rule.js").Rule<"problem", never>;
