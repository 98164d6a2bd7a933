/** portguard's answer to the oracle's question, as a {@link View}: one project, as compose would load it. */
import { type LintRun, lintRun } from "../../src/core/lint.js";
import { memoryTree } from "../../src/core/memory-tree.js";
import type { PortBinding, ProjectModel } from "../../src/core/model.js";
import { DEFAULT_POLICY } from "../../src/core/policy/default-policy.js";
import { expandMapping } from "../../src/core/port-spec.js";
import type { View } from "./oracle.js";

function published(b: PortBinding["hostPort"], end: PortBinding["hostPortEnd"], dynamic: boolean): string {
  if (b === null) return "";
  return dynamic && end !== null && end !== b ? `${b}-${end}` : String(b);
}

function entries(b: PortBinding): string[] {
  if (b.dynamic) {
    return [`${b.hostIp}|${published(b.hostPort, b.hostPortEnd, true)}|${b.containerPort}|${b.protocol}`];
  }
  return expandMapping(b).map(
    (m) => `${m.hostIp}|${published(m.hostPort, m.hostPortEnd, false)}|${m.containerPort}|${m.protocol}`,
  );
}

/** The project docker compose would load when run in the root folder. */
export function defaultProject(projects: readonly ProjectModel[]): ProjectModel | null {
  return projects.find((p) => p.dir === "" && p.variant === null) ?? null;
}

/** One project of a lint run as a view: refused when compose would refuse it, else its bindings. */
export function projectView(run: LintRun, project: ProjectModel): View {
  const reads = new Set([...project.files, ...project.envFiles]);
  const refusal = run.report.diagnostics.find((d) => d.rule === "PG001" && reads.has(d.file));
  if (refusal) return { ok: false, error: `${refusal.file}:${refusal.line}: ${refusal.message}` };
  const services: Record<string, string[]> = {};
  for (const service of project.services) {
    const bindings: string[] = [];
    for (const b of service.ports) {
      if (b.invalidVariable !== null) return { ok: false, error: `${b.invalidVariable} is not a port (PG301)` };
      if (!b.resolved) return { ok: false, error: `unresolved binding at ${b.location.file}` };
      bindings.push(...entries(b));
    }
    services[service.name] = bindings.sort();
  }
  return { ok: true, name: project.name, services };
}

export function portguardView(files: Record<string, string>, folder: string): View {
  const run = lintRun(memoryTree(files), DEFAULT_POLICY, { rootName: folder });
  const project = defaultProject(run.context.assembly.projects);
  if (!project) {
    const refusal = run.report.diagnostics.find((d) => d.rule === "PG001");
    return { ok: false, error: refusal ? `${refusal.file}:${refusal.line}: ${refusal.message}` : "no project" };
  }
  return projectView(run, project);
}
