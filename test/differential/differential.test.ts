/**
 * Differential tests against the real docker compose. The oracle's answers for every generated seed
 * are recorded in a fixture, so the comparison runs in any clone; where the binary is available, a
 * sample of seeds is asked again live, so a recording can never drift from what compose says.
 *
 *   PORTGUARD_ORACLE_RECORD=1 npx vitest run test/differential   re-asks compose for every seed
 *   PORTGUARD_ORACLE_LIVE=all npx vitest run test/differential   compares every seed live
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../support/shared.js";
import { disagreement, disagreementClass } from "./compare.js";
import { generateProject } from "./generator.js";
import { askCompose, composeBinary, composeVersion, pool, type View } from "./oracle.js";
import { portguardView } from "./portguard-view.js";

const SEEDS = Number(process.env.PORTGUARD_ORACLE_SEEDS) || 2000;
/** Every LIVE_STRIDE-th seed is asked again in an ordinary run. */
const LIVE_STRIDE = 10;
const FIXTURE = join(projectRoot, "test/fixtures/differential/compose-oracle.json");

interface Recording {
  compose: string;
  generator: string;
  results: Record<string, { hash: string; view: View }>;
}

/** FNV-1a over the project, to notice a changed generator. */
function hashProject(files: Record<string, string>, folder: string): string {
  const text = `${folder}\n${JSON.stringify(Object.entries(files).sort())}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

const seeds = Array.from({ length: SEEDS }, (_, i) => i + 1);
const projects = new Map(seeds.map((s) => [s, generateProject(s)]));

function loadRecording(): Recording {
  return JSON.parse(readFileSync(FIXTURE, "utf8")) as Recording;
}

const binary = composeBinary();

if (process.env.PORTGUARD_ORACLE_EXPLORE) {
  // Seeds past the recorded ones, asked live: where a new disagreement is found first.
  const from = Number(process.env.PORTGUARD_ORACLE_EXPLORE);
  const fresh = Array.from({ length: SEEDS }, (_, i) => from + i);
  it(`explores ${fresh.length} new seeds from ${from}`, { timeout: 3_600_000 }, async () => {
    if (!binary) throw new Error("no docker compose binary");
    const views = await pool(fresh, 4, (s) => {
      const p = generateProject(s);
      return askCompose(binary, p.files, p.folder);
    });
    const failures = fresh.flatMap((s, i) => {
      const p = generateProject(s);
      const d = disagreement(views[i] as View, portguardView(p.files, p.folder));
      return d ? [`seed ${s}: ${d}`] : [];
    });
    expect(failures).toEqual([]);
  });
} else if (process.env.PORTGUARD_ORACLE_RECORD) {
  it("records the oracle's answers", { timeout: 3_600_000 }, async () => {
    if (!binary) throw new Error("no docker compose binary to record from");
    const views = await pool(seeds, 4, (s) => {
      const p = projects.get(s) as ReturnType<typeof generateProject>;
      return askCompose(binary, p.files, p.folder);
    });
    const recording: Recording = { compose: composeVersion(binary), generator: "generator.ts", results: {} };
    seeds.forEach((s, i) => {
      const p = projects.get(s) as ReturnType<typeof generateProject>;
      recording.results[s] = { hash: hashProject(p.files, p.folder), view: views[i] as View };
    });
    writeFileSync(FIXTURE, `${JSON.stringify(recording, null, 0).replace(/\},"/g, '},\n"')}\n`);
  });
} else {
  describe("portguard agrees with docker compose on generated projects", () => {
    const recording = loadRecording();

    it("has a recording of the current generator", () => {
      const stale = seeds.filter((s) => {
        const p = projects.get(s) as ReturnType<typeof generateProject>;
        return recording.results[s]?.hash !== hashProject(p.files, p.folder);
      });
      expect(stale, "the generator changed: re-record with PORTGUARD_ORACLE_RECORD=1").toEqual([]);
    });

    it(`agrees on all ${SEEDS} seeds (compose ${recording.compose})`, () => {
      const failures: string[] = [];
      const classes = new Map<string, number>();
      for (const s of seeds) {
        const p = projects.get(s) as ReturnType<typeof generateProject>;
        const recorded = recording.results[s];
        if (!recorded) continue;
        const d = disagreement(recorded.view, portguardView(p.files, p.folder));
        if (d) {
          failures.push(`seed ${s}: ${d}`);
          const c = disagreementClass(d);
          classes.set(c, (classes.get(c) ?? 0) + 1);
        }
      }
      if (process.env.PORTGUARD_ORACLE_REPORT) {
        console.log(`agreement: ${SEEDS - failures.length}/${SEEDS}`);
        for (const [c, n] of [...classes].sort((a, b) => b[1] - a[1])) console.log(`${n}\t${c}`);
        console.log(failures.slice(0, Number(process.env.PORTGUARD_ORACLE_REPORT) || 40).join("\n"));
      }
      expect(failures).toEqual([]);
    });

    const live = process.env.PORTGUARD_ORACLE_LIVE === "all" ? seeds : seeds.filter((s) => s % LIVE_STRIDE === 0);
    it.skipIf(!binary)(
      `the recording is what compose says now (${live.length} seeds asked live)`,
      { timeout: 900_000 },
      async () => {
        const views = await pool(live, 2, (s) => {
          const p = projects.get(s) as ReturnType<typeof generateProject>;
          return askCompose(binary as string, p.files, p.folder);
        });
        // Error texts are informative (compose names one of several faults at random): acceptance and bindings count.
        const same = (a: View | undefined, b: View | undefined) =>
          a !== undefined && b !== undefined && (a.ok || b.ok ? JSON.stringify(a) === JSON.stringify(b) : true);
        const drift = live.filter((s, i) => !same(views[i], recording.results[s]?.view));
        expect(drift).toEqual([]);
      },
    );
    if (!binary) {
      console.log(
        "differential: no docker compose binary (scripts/docker-compose.sh installs it); live re-check skipped",
      );
    }
  });
}
