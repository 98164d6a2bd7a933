import { dirname } from "../paths.js";
import type { Report } from "../types.js";

/**
 * The line the summary adds when conflicts cross folders: every compose file of the repository
 * shares one host unless the policy groups them into `hosts`, and that may be why.
 */
export function hostsHint(report: Report): string | null {
  const across = report.diagnostics.some(
    (d) => d.rule === "PG107" && (d.related ?? []).some((r) => dirname(r.file) !== dirname(d.file)),
  );
  if (!across) return null;
  return 'Conflicts across folders: all compose files share one host. If some never run on the same machine, declare them in separate hosts (.portguard.yml: hosts: [{ name: prod, compose: ["deploy/prod/**"] }]).';
}
