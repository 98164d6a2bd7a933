import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "./shared.js";

export const EXAMPLE_BEFORE = join(projectRoot, "examples/trading-system/before");
export const EXAMPLE_AFTER = join(projectRoot, "examples/trading-system/after");

/** A reporting database that took TimescaleDB's 7000, in a compose file of its own. */
const REPORTING = `services:
  reporting-db:
    image: postgres:16
    ports:
      - "\${REPORTING_DB_PORT:-7000}:5432"
    volumes:
      - reporting:/var/lib/postgresql/data
volumes:
  reporting:
    name: data-reporting
`;

/** An application appended to the example's apps file, publishing inside the database range. */
const METRICS_APP = `  metrics-app:
    build: ./metrics
    ports:
      - "7050:8080"
`;

/**
 * A copy of the example's `after/` stack with a port conflict and a binding in the wrong range
 * (plus, with `secret`, a marker value in its .env); `remove()` deletes it.
 */
export function troubledStack(secret?: string): { dir: string; remove: () => void } {
  const base = mkdtempSync(join(tmpdir(), "portguard-stack-"));
  const dir = join(base, "trading-system");
  cpSync(EXAMPLE_AFTER, dir, { recursive: true });
  writeFileSync(join(dir, "tools/compose/docker-compose.reporting.yml"), REPORTING);
  appendFileSync(join(dir, "apps/docker-compose.yml"), METRICS_APP);
  if (secret) appendFileSync(join(dir, ".env"), `REPORTING_DB_PASSWORD=${secret}\n# OLD_TOKEN=${secret}\n`);
  return { dir, remove: () => rmSync(base, { recursive: true, force: true }) };
}
