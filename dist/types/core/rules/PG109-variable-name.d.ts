export declare const variableName: import("../rule.js").Rule<"name", never>;
