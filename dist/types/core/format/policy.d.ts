import type { Policy } from "../policy/types.js";
/** The categories whose services are governed (PG102, PG103, PG104, PG113): those owning a range. */
export declare function governedCategories(policy: Policy): string[];
export declare function formatPolicy(policy: Policy, configPath: string | null): string;
