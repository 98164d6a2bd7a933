export declare const databaseVolume: import("../rule.js").Rule<"none" | "bind" | "tmpfs" | "anonymous", never>;
