/** `portguard check --print-config`: the effective policy, as a YAML file a user could copy. */
import { stringify } from "yaml";
import type { Policy } from "../policy/types.js";

/** The categories whose services are governed (PG102, PG103, PG104, PG113): those owning a range. */
export function governedCategories(policy: Policy): string[] {
  return [...new Set(policy.ranges.flatMap((r) => r.for))];
}

export function formatPolicy(policy: Policy, configPath: string | null): string {
  const governed = governedCategories(policy);
  const ungoverned = Object.keys(policy.categories).filter((c) => !governed.includes(c));
  const header = [
    `# The effective policy: the embedded default${configPath ? ` merged with ${configPath}` : " (no config file found)"}.`,
    `# Governed (a range, a variable with a default, a pinned host port): ${governed.join(", ") || "nothing"}.`,
    `# Not governed: ${[...ungoverned, "app (every unclassified service)"].join(", ")}; they are checked only`,
    "# against the ranges (PG101) and for conflicts (PG107). To govern one, give its category a range",
    "# (ranges: for:), or set variables.require: all for PG103/PG104 on every service.",
  ];
  const body = {
    ranges: policy.ranges.map((r) => ({
      name: r.name,
      ports: r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`,
      for: r.for,
      ...(r.description ? { description: r.description } : {}),
    })),
    categories: policy.categories,
    services: policy.services,
    variables: policy.variables,
    files: policy.files,
    docs: policy.docs,
    hosts: policy.hosts,
    rules: policy.rules,
    allow: policy.allow,
    profiles: policy.profiles,
  };
  return `${header.join("\n")}\n${stringify(body, { lineWidth: 0 })}`;
}
