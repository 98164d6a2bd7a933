import type { Report } from "../types.js";
/**
 * The line the summary adds when conflicts cross folders: every compose file of the repository
 * shares one host unless the policy groups them into `hosts`, and that may be why.
 */
export declare function hostsHint(report: Report): string | null;
