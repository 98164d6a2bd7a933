export declare const unpinnedPort: import("../rule.js").Rule<"random" | "zero" | "hostNetwork", never>;
