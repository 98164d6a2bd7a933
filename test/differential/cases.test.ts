import { describe, expect, it } from "vitest";
import { lintFiles } from "../support/lint.js";
import { ORACLE_CASES } from "./cases.js";
import { disagreement } from "./compare.js";
import { askCompose, composeBinary } from "./oracle.js";
import { portguardView } from "./portguard-view.js";

const binary = composeBinary();

describe("compose facts, minimised", () => {
  for (const c of ORACLE_CASES) {
    describe(c.name, () => {
      const folder = c.folder ?? "probe";
      it(c.deviation ? `portguard refuses it (${c.deviation})` : "portguard agrees with compose", () => {
        const view = portguardView(c.files, folder);
        if (c.deviation) expect(view.ok).toBe(false);
        else expect(disagreement(c.compose, view)).toBeNull();
      });
      if (c.at) {
        it("reports the refusal where it is written", () => {
          const report = lintFiles(c.files, { rootName: folder });
          const at = report.diagnostics
            .filter((d) => d.rule === "PG001" || d.rule === "PG301")
            .map((d) => `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn}`);
          expect(at).toEqual(c.at);
        });
      }
      it.skipIf(!binary)("is what docker compose says", { timeout: 120_000 }, async () => {
        const live = await askCompose(binary as string, c.files, folder);
        expect(live.ok).toBe(c.compose.ok);
        if (live.ok) expect(live).toEqual(c.compose);
        else expect(live.error.toLowerCase()).toContain((c.compose as { error: string }).error.toLowerCase());
      });
    });
  }
  if (!binary) console.log("compose facts: no docker compose binary (scripts/docker-compose.sh); live checks skipped");
});
