import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "./shared.js";

export const EXAMPLE_BEFORE = join(projectRoot, "examples/trading-system/before");
export const EXAMPLE_AFTER = join(projectRoot, "examples/trading-system/after");

/** Services appended to the example's apps file: a database on TimescaleDB's 7000, an app in the database range. */
const TROUBLE = `  reporting-db:
    image: postgres:16
    ports:
      - "\${REPORTING_DB_PORT:-7000}:5432"
    volumes:
      - reporting:/var/lib/postgresql/data
  metrics-app:
    build: ./metrics
    ports:
      - "7050:8080"
volumes:
  reporting:
    name: data-reporting
`;

/**
 * A copy of the example's `after/` stack with a port conflict and a binding in the wrong range
 * (plus, with `secret`, a marker value in its .env); `remove()` deletes it.
 */
export function troubledStack(secret?: string): { dir: string; remove: () => void } {
  const base = mkdtempSync(join(tmpdir(), "portguard-stack-"));
  const dir = join(base, "trading-system");
  cpSync(EXAMPLE_AFTER, dir, { recursive: true });
  appendFileSync(join(dir, "apps/docker-compose.yml"), TROUBLE);
  if (secret) appendFileSync(join(dir, ".env"), `REPORTING_DB_PASSWORD=${secret}\n# OLD_TOKEN=${secret}\n`);
  return { dir, remove: () => rmSync(base, { recursive: true, force: true }) };
}
