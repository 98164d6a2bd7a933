/**
 * The differential test on real compose files (test/fixtures/corpus): every project portguard finds
 * there, default stacks and variants alike, is given to docker compose with the same files (`-f`)
 * from the same folder; compose's answers are recorded, and asked again live where the binary is.
 *
 *   PORTGUARD_ORACLE_RECORD=1 npx vitest run test/differential/corpus.test.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { WorkingTree } from "../../src/cli/fs-tree.js";
import { lintRun } from "../../src/core/lint.js";
import type { ProjectModel } from "../../src/core/model.js";
import { DEFAULT_POLICY } from "../../src/core/policy/default-policy.js";
import { projectRoot } from "../support/shared.js";
import { disagreement } from "./compare.js";
import { askComposeIn, composeBinary, composeVersion, pool, type View } from "./oracle.js";
import { projectView } from "./portguard-view.js";

const CORPUS = join(projectRoot, "test/fixtures/corpus");
const FIXTURE = join(projectRoot, "test/fixtures/differential/corpus-oracle.json");

const run = lintRun(new WorkingTree(CORPUS, DEFAULT_POLICY.files.ignore), DEFAULT_POLICY, { rootName: "corpus" });
const projects = run.context.assembly.projects;
const keyOf = (p: ProjectModel) => `${p.dir}|${p.layers.join(",")}`;
const filesOf = (p: ProjectModel) => p.layers.map((f) => relative(p.dir, f));
const binary = composeBinary();

interface Recording {
  compose: string;
  results: Record<string, View>;
}

function ask(p: ProjectModel): Promise<View> {
  return askComposeIn(binary as string, join(CORPUS, p.dir), filesOf(p), CORPUS);
}

if (process.env.PORTGUARD_ORACLE_RECORD) {
  it("records the oracle's answers on the corpus", { timeout: 600_000 }, async () => {
    if (!binary) throw new Error("no docker compose binary to record from");
    const views = await pool(projects, 4, ask);
    const results: Record<string, View> = {};
    projects.forEach((p, i) => {
      results[keyOf(p)] = views[i] as View;
    });
    const recording: Recording = { compose: composeVersion(binary), results };
    writeFileSync(FIXTURE, `${JSON.stringify(recording, null, 1)}\n`);
  });
} else {
  describe("portguard agrees with docker compose on the corpus", () => {
    const recording = JSON.parse(readFileSync(FIXTURE, "utf8")) as Recording;

    it(`finds the projects the recording knows (${projects.length})`, () => {
      expect(projects.map(keyOf).sort()).toEqual(Object.keys(recording.results).sort());
    });

    it(`agrees on every project (compose ${recording.compose})`, () => {
      const failures = projects.flatMap((p) => {
        const recorded = recording.results[keyOf(p)];
        const d = recorded ? disagreement(recorded, projectView(run, p)) : "not recorded";
        return d ? [`${keyOf(p)}: ${d}`] : [];
      });
      expect(failures).toEqual([]);
    });

    it.skipIf(!binary)("the recording is what compose says now", { timeout: 600_000 }, async () => {
      const views = await pool(projects, 2, ask);
      const drift = projects.filter((p, i) => {
        const a = views[i] as View;
        const b = recording.results[keyOf(p)];
        return !b || a.ok !== b.ok || (a.ok && JSON.stringify(a) !== JSON.stringify(b));
      });
      expect(drift.map(keyOf)).toEqual([]);
    });
  });
}
