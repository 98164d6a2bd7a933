import type { View } from "./oracle.js";

/** null when the two views agree; else what differs, in a line. */
export function disagreement(compose: View, portguard: View): string | null {
  if (!compose.ok || !portguard.ok) {
    if (compose.ok === portguard.ok) return null;
    return compose.ok
      ? `compose accepts, portguard refuses: ${(portguard as { error: string }).error}`
      : `compose refuses (${compose.error}), portguard accepts`;
  }
  if (compose.name !== portguard.name) return `project name: compose ${compose.name}, portguard ${portguard.name}`;
  const names = new Set([...Object.keys(compose.services), ...Object.keys(portguard.services)]);
  for (const name of [...names].sort()) {
    const c = compose.services[name];
    const p = portguard.services[name];
    if (!c || !p) return `service ${name}: ${c ? "missing in portguard" : "not in compose"}`;
    if (c.join(",") !== p.join(",")) return `service ${name}: compose [${c.join(", ")}], portguard [${p.join(", ")}]`;
  }
  return null;
}

/** A short class of a disagreement, to count them. */
export function disagreementClass(text: string): string {
  return text
    .replace(/\[.*$/, "")
    .replace(/: .*$/, "")
    .replace(/service \S+/, "service");
}
