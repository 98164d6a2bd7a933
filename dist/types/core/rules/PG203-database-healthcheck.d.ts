export declare const databaseHealthcheck: import("../rule.js").Rule<"healthcheck" | "restart" | "both", never>;
