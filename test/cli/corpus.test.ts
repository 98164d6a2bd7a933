/**
 * Real compose files written by others (test/fixtures/corpus): run from each project folder,
 * portguard never crashes or hangs. Whether it refuses exactly what docker compose refuses, and
 * lists what compose publishes, is test/differential/corpus.test.ts's question.
 */
import { cpSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { cliInProcess } from "../support/in-process.js";
import { corpusDir } from "../support/shared.js";

// Outside this repository, so that each folder is a project of its own (no git top level above it).
const corpus = join(mkdtempSync(join(tmpdir(), "portguard-corpus-")), "corpus");
cpSync(corpusDir(), corpus, { recursive: true });

function projectFolders(dir: string): string[] {
  const entries = readdirSync(dir);
  const hasCompose = entries.some(
    (e) => /^(docker-)?compose.*\.ya?ml$/.test(e) || e.endsWith(".yml") || e.endsWith(".yaml"),
  );
  const sub = entries.filter((e) => statSync(join(dir, e)).isDirectory()).flatMap((e) => projectFolders(join(dir, e)));
  return hasCompose ? [dir, ...sub] : sub;
}

/** Folders docker compose refuses on purpose (compose-e2e fixtures of error paths): PG001 is expected there. */
const REFUSED_BY_COMPOSE = new Set([
  "compose-e2e-fixtures/wrong-composefile",
  "compose-e2e-fixtures/env_file",
  "compose-e2e-fixtures/build-test/platforms",
  "compose-e2e-fixtures/build-test", // it holds build-test/platforms
]);

/** Whether a folder holds a file named as compose finds them by default, at any depth. */
function hasComposeFile(folder: string): boolean {
  return readdirSync(folder, { recursive: true, encoding: "utf8" }).some((p) =>
    /(^|\/)(docker-)?compose[^/]*\.ya?ml$/.test(p.split("\\").join("/")),
  );
}

describe("real-world corpus", () => {
  const folders = projectFolders(corpus);
  it("has the corpus", async () => {
    expect(folders.length).toBeGreaterThan(40);
  });
  for (const folder of folders) {
    const name = relative(corpus as string, folder);
    it(name, async () => {
      const check = await cliInProcess(["check", "--format", "json"], folder);
      if (!hasComposeFile(folder)) {
        // Kubernetes manifests, a lone piped file: no compose file, said so, exit 2.
        expect(check.stderr).toMatch(/^portguard: no compose files found under /);
        expect(check.status).toBe(2);
        return;
      }
      expect(check.stderr).toBe("");
      expect([0, 1]).toContain(check.status);
      const report = JSON.parse(check.stdout);
      const parseErrors = report.diagnostics.filter((d: { rule: string }) => d.rule === "PG001");
      if (!REFUSED_BY_COMPOSE.has(name)) expect(parseErrors).toEqual([]);
      const ports = await cliInProcess(["ports", "--format", "json"], folder);
      expect(ports.status).toBe(0);
      expect(JSON.parse(ports.stdout).version).toBe(1);
    });
  }

  it("lists what docker compose would publish", async () => {
    const ports = async (folder: string) =>
      JSON.parse(
        (await cliInProcess(["ports", "--format", "json"], join(corpus as string, folder))).stdout,
      ).bindings.map(
        (b: Record<string, unknown>) =>
          `${b.service} ${b.hostIp || "*"}:${b.hostPort}->${b.containerPort}/${b.protocol}`,
      );
    expect(await ports("awesome-compose/postgresql-pgadmin")).toEqual([
      "postgres *:5432->5432/tcp",
      "pgadmin *:5050->80/tcp",
    ]);
    expect(await ports("awesome-compose/pihole-cloudflared-DoH")).toEqual([
      "cloudflared *:5054->5054/tcp",
      "cloudflared *:5054->5054/udp",
      "pihole *:53->53/tcp",
      "pihole *:53->53/udp",
      "pihole *:67->67/udp",
      "pihole *:8080->80/tcp",
      "pihole *:8443->443/tcp",
    ]);
    // network_mode: host publishes nothing through ports:
    expect(await ports("awesome-compose/plex")).toEqual([]);
  });
});
