export declare const hardcodedPortInSource: import("../rule.js").Rule<"hardcoded" | "fallback", never>;
