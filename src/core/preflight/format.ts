/** How preflight reads: a short table of what is not simply free, the fix, and a verdict line. */
import { printable } from "../format/printable.js";
import type { DockerStatus, PortHolder, PreflightReport, PreflightRow } from "./analyze.js";
import type { Container } from "./docker.js";

function portText(r: PreflightRow): string {
  if (r.hostPort === null || r.hostPort === 0) return `-:${r.protocol}`;
  const ports =
    r.hostPortEnd !== null && r.hostPortEnd !== r.hostPort ? `${r.hostPort}-${r.hostPortEnd}` : `${r.hostPort}`;
  const hostIp = printable(r.hostIp);
  const ip = hostIp === "" ? "" : hostIp.includes(":") ? `[${hostIp}]:` : `${hostIp}:`;
  return `${ip}${ports}/${r.protocol}`;
}

function starting(c: Container): boolean {
  return c.state === "created" || c.state === "restarting";
}

function uidText(uid: number | null): string {
  return uid === null ? "an unknown user" : `uid ${uid}`;
}

/**
 * Names from the engine and the process table come from outside: escaped before printing.
 * `engineAnswered`: whether the engine could be asked (a proxy it cannot name then belongs to a
 * container in transition).
 */
export function describeHolder(h: PortHolder, engineAnswered = false): string {
  return printable(holderText(h, engineAnswered));
}

function holderText(h: PortHolder, engineAnswered: boolean): string {
  switch (h.status) {
    case "self":
      return `this stack (container ${h.container.name}${starting(h.container) ? ", starting" : ""})`;
    case "container": {
      const c = h.container;
      const project = c.project ? `, compose project ${c.project}${c.service ? ` service ${c.service}` : ""}` : "";
      return `taken by container ${c.name} (${c.image}${project}${starting(c) ? ", starting" : ""})`;
    }
    case "process":
      return `taken by process ${h.command || "?"} (pid ${h.pid}${h.user ? `, user ${h.user}` : ""})`;
    case "docker-proxy":
      return engineAnswered
        ? `taken by a published container port (${h.command}, pid ${h.pid}) of a container the engine does not list with it (being started or stopped)`
        : `taken by a published container port (${h.command}, pid ${h.pid}); Docker not reachable to name the container`;
    case "hidden":
      return `taken by ${uidText(h.uid)} (owner not visible: not root)`;
    case "outside":
      return `taken by ${uidText(h.uid)} (owner outside this pid namespace)`;
  }
}

export function describeRow(r: PreflightRow, engineAnswered = false): string {
  if (r.holder) {
    const which =
      r.takenPort !== null && r.hostPortEnd !== null && r.hostPortEnd !== r.hostPort ? `port ${r.takenPort} ` : "";
    return `${which}${describeHolder(r.holder, engineAnswered)}`;
  }
  if (r.status === "unknown") return `unknown (${printable(r.reason ?? "cannot tell")})`;
  if (r.status === "unpublished") return "no fixed host port (the engine picks one)";
  return "free";
}

/** "Docker: 3 running container(s) (API 1.47, unix:///var/run/docker.sock)", or why it is not reachable. */
export function dockerLine(d: DockerStatus): string {
  if (!d.reachable) return printable(`Docker: not reachable (${d.reason})`);
  const api = d.apiVersion ? `API ${d.apiVersion}, ` : "";
  const starting = d.starting > 0 ? `, ${d.starting} starting` : "";
  return printable(`Docker: ${d.containers} running container(s)${starting} (${api}${d.endpoint})`);
}

function verdict(report: PreflightReport): string {
  const s = report.summary;
  if (s.volumes > 0 && s.blocked === 0) {
    return `✖ ${s.volumes} database volume(s) missing while their data is elsewhere: docker compose up would start them empty`;
  }
  const parts = [`${s.free} free`];
  if (s.self > 0) parts.push(`${s.self} held by this stack`);
  if (s.unknown > 0) parts.push(`${s.unknown} unknown`);
  if (s.blocked > 0) {
    const volumes = s.volumes > 0 ? `; ${s.volumes} database volume(s) missing` : "";
    return `✖ ${s.blocked} of ${s.bindings} host port(s) taken: docker compose up would fail (${parts.join(", ")})${volumes}`;
  }
  if (s.unknown > 0)
    return `! nothing known to block start-up, but ${s.unknown} of ${s.bindings} could not be checked (${parts.join(", ")})`;
  return `✔ all clear: ${s.bindings} host port(s) (${parts.join(", ")})`;
}

/**
 * The default view: every binding that blocks start-up or could not be checked, with the fix under
 * each blocked one. Free ports and the stack's own are counted in the verdict (JSON lists them all).
 */
export function formatPreflightTable(report: PreflightReport): string {
  const shown = report.rows.filter((r) => r.blocking || r.status === "unknown");
  const lines: string[] = [];
  if (shown.length > 0) {
    const width = (f: (r: PreflightRow) => string) => Math.max(...shown.map((r) => f(r).length));
    const serviceWidth = width((r) => printable(r.service));
    const portWidth = width(portText);
    for (const r of shown) {
      lines.push(
        `${r.blocking ? "✖" : r.status === "self" ? "✔" : "?"} ${printable(r.service).padEnd(serviceWidth)}  ${portText(r).padEnd(portWidth)}  ${describeRow(r, report.docker.reachable)}`,
      );
      const indent = " ".repeat(serviceWidth + portWidth + 6);
      lines.push(`${indent}${printable(r.file)}:${r.line}`);
      if (r.suggestion) {
        lines.push(`${indent}→ ${advice(r, r.suggestion)} (free in the plan and on this machine)`);
      } else if (r.blocking) {
        lines.push(`${indent}→ no port free in the plan and on this machine in its range: stop the holder`);
      }
    }
    lines.push("");
  }
  for (const v of report.volumes) {
    lines.push(`✖ ${printable(v.message)}`, `  ${printable(v.file)}:${v.line}`, `  → ${printable(v.remedy)}`, "");
  }
  lines.push(dockerLine(report.docker), `Sockets: ${printable(report.sockets)}`, verdict(report));
  return `${lines.join("\n")}\n`;
}

/**
 * What to change: the variable's value when the port is one, else the literal where it is written
 * (there is no variable to set yet).
 */
function advice(r: PreflightRow, s: { port: number; variable: string }): string {
  if (r.variable !== null) return `set ${s.variable}=${s.port}`;
  return `change the literal host port ${r.hostPort} to ${s.port} at ${printable(r.file)}:${r.line} (or write it as \${${s.variable}:-${s.port}})`;
}

export function formatPreflightJson(
  report: PreflightReport,
  timings?: Record<string, number>,
  extra: Record<string, unknown> = {},
): string {
  return `${JSON.stringify({ ...report, ...(timings ? { timings } : {}), ...extra }, null, 2)}\n`;
}

function rowKey(r: PreflightRow): string {
  return `${r.file}:${r.line}:${r.hostIp}:${r.hostPort}/${r.protocol}:${r.service}`;
}

/** `--watch`: one line per binding whose state changed since the previous check, and Docker's. */
export function preflightChanges(before: PreflightReport, after: PreflightReport, time: string): string {
  const previous = new Map(before.rows.map((r) => [rowKey(r), describeRow(r, before.docker.reachable)]));
  const lines: string[] = [];
  for (const r of after.rows) {
    const was = previous.get(rowKey(r));
    const now = describeRow(r, after.docker.reachable);
    if (was === now) continue;
    const fix = r.suggestion ? ` → ${advice(r, r.suggestion)}` : "";
    lines.push(`${time}  ${printable(r.service)} ${portText(r)}: ${was ?? "new"} → ${now}${fix}`);
  }
  // Docker going away, coming back or failing differently; not every container count change.
  const docker = dockerLine(after.docker);
  if (docker !== dockerLine(before.docker) && !(before.docker.reachable && after.docker.reachable)) {
    lines.push(`${time}  ${docker}`);
  }
  return lines.map((l) => `${l}\n`).join("");
}
