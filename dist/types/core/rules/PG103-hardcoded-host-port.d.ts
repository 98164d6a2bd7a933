export declare const hardcodedHostPort: import("../rule.js").Rule<"literal" | "mixed", "bind-port">;
