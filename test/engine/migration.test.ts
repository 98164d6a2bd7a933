/**
 * A migration that cannot lose data, on a real engine: named volumes checked against it before a
 * change moves a database, and fix then fix --rollback end to end (real containers, real files).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compose, docker, realEngine } from "../support/engine.js";
import { cliInProcess } from "../support/in-process.js";
import { composeFile, freePorts, projectName, service, stack } from "../support/live.js";

const engine = realEngine();

interface Preflight {
  volumes: { service: string; volume: string; expected: string; holder: string; container: string | null }[];
  summary: { blocked: number; self: number; volumes: number };
  rows: { service: string; status: string; hostPort: number }[];
}

const DATA = (extra = "") => `    volumes:\n      - db-data:/var/lib/postgresql/data\n${extra}`;

describe.runIf(engine)("a migration that cannot lose data (real engine)", () => {
  const e = engine!;
  const env = () => ({ DOCKER_HOST: e.host });
  const mounted = (container: string) =>
    docker(e, "inspect", "--format", "{{range .Mounts}}{{.Name}} {{end}}", container).trim();

  it("preflight: a name: pointing at a missing volume while another holds the data is reported, as compose then shows", async () => {
    const [port] = await freePorts(1);
    const name = projectName("mig-vol");
    const text = composeFile({ db: service("postgres:pgtest", [`${port}:5432`], DATA()) }, `name: ${name}\n`);
    const dir = stack(e, { "compose.yaml": `${text}volumes:\n  db-data:\n` });
    expect(compose(e, dir, ["up", "-d"]).status).toBe(0);
    expect(mounted(`${name}-db-1`)).toBe(`${name}_db-data`);
    const clean = await cliInProcess(["preflight", "--format", "json"], dir, env());
    expect((JSON.parse(clean.stdout) as Preflight).summary).toMatchObject({ self: 1, volumes: 0 });
    expect(clean.status).toBe(0);

    // The convention's fixed name, written by hand: compose would mount a new, empty volume.
    writeFileSync(join(dir, "compose.yaml"), `${text}volumes:\n  db-data:\n    name: data-${name}\n`);
    const run = await cliInProcess(["preflight", "--format", "json"], dir, env());
    expect(run.status).toBe(1);
    expect((JSON.parse(run.stdout) as Preflight).volumes).toEqual([
      expect.objectContaining({
        service: "db",
        volume: "db-data",
        expected: `data-${name}`,
        holder: `${name}_db-data`,
        container: `${name}-db-1`,
      }),
    ]);
    const table = await cliInProcess(["preflight"], dir, env());
    expect(table.stdout).toContain(
      `✖ db would mount volume data-${name}, which does not exist, while its data is in volume ${name}_db-data (mounted by container ${name}-db-1): docker compose up would start it empty\n  compose.yaml:`,
    );
    expect(table.stdout).toContain(`→ set name: ${name}_db-data on volume db-data (compose.yaml:`);
    // The oracle: up recreates the container on a new, empty volume.
    expect(compose(e, dir, ["up", "-d"]).status).toBe(0);
    expect(mounted(`${name}-db-1`)).toBe(`data-${name}`);
  });

  it("fix refuses a change that would start a database without its data, unless --allow-volume-change", async () => {
    const [port] = await freePorts(1);
    const ranges = await freePorts(10);
    const name = projectName("mig-fix");
    // Started under another project name than the folder's: its volume is <name>_db-data.
    const compose0 = `${composeFile({ db: service("postgres:pgtest", [`${port}:5432`], DATA()) })}volumes:\n  db-data:\n`;
    const dir = stack(
      e,
      {
        "compose.yaml": compose0,
        ".portguard.yml": `ranges:\n  - { name: databases, ports: ${ranges[0]}-${ranges[9]}, for: [database] }\n`,
      },
      name,
    );
    expect(compose(e, dir, ["-p", name, "up", "-d"]).status).toBe(0);
    const dry = await cliInProcess(["fix", "--dry-run"], dir, env());
    expect(dry.stdout).toContain("Not fixed: the change would start these databases without their data");
    expect(dry.stdout).toMatch(
      new RegExp(
        `✖ db would mount volume portguard-test-[a-z0-9]+_db-data, which does not exist, while its data is in volume ${name}_db-data \\(mounted by container ${name}-db-1\\)`,
      ),
    );
    const run = await cliInProcess(["fix"], dir, env());
    expect(run.stdout).toContain("Not fixed: the change would start these databases without their data");
    expect(readFileSync(join(dir, "compose.yaml"), "utf8")).toBe(compose0);

    const forced = await cliInProcess(["fix", "--allow-volume-change"], dir, env());
    expect(forced.stdout).toContain("Warning (--allow-volume-change)");
    expect(readFileSync(join(dir, "compose.yaml"), "utf8")).not.toBe(compose0);
  });

  it("fix, then fix --rollback, end to end: the stack moves to its range and back, on the same volume", async () => {
    const [old] = await freePorts(1);
    const ranges = await freePorts(10);
    const name = projectName("mig-rb");
    const original = `${composeFile({ db: service("postgres:pgtest", [`${old}:5432`], DATA()) }, `name: ${name}\n`)}volumes:\n  db-data:\n    name: data-${name}\n`;
    const dir = stack(e, {
      "compose.yaml": original,
      ".portguard.yml": `ranges:\n  - { name: databases, ports: ${ranges[0]}-${ranges[9]}, for: [database] }\n`,
    });
    expect(compose(e, dir, ["up", "-d"]).status).toBe(0);
    const fixed = await cliInProcess(["fix"], dir, env());
    expect(fixed.stdout).toContain(`db: ${old} → ${ranges[0]} (DB_PORT, compose.yaml:`);
    const id = /Undo: portguard fix --rollback (\S+)/.exec(fixed.stdout)?.[1];
    expect(id).toBeDefined();

    expect(compose(e, dir, ["up", "-d"]).status).toBe(0);
    expect(mounted(`${name}-db-1`)).toBe(`data-${name}`);
    const moved = JSON.parse((await cliInProcess(["preflight", "--format", "json"], dir, env())).stdout) as Preflight;
    expect(moved.rows).toMatchObject([{ service: "db", status: "self", hostPort: ranges[0] }]);

    const undo = await cliInProcess(["fix", "--rollback", id as string], dir, env());
    expect(undo.status, undo.stderr).toBe(0);
    expect(undo.stdout).toContain("  restored compose.yaml\n");
    expect(readFileSync(join(dir, "compose.yaml"), "utf8")).toBe(original);
    expect(compose(e, dir, ["up", "-d"]).status).toBe(0);
    expect(mounted(`${name}-db-1`)).toBe(`data-${name}`);
    const back = JSON.parse((await cliInProcess(["preflight", "--format", "json"], dir, env())).stdout) as Preflight;
    expect(back.rows).toMatchObject([{ service: "db", status: "self", hostPort: old }]);
  });
});
