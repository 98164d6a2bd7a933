/**
 * The listening sockets of this machine and who holds them. Linux reads /proc directly (fast,
 * complete, no tools needed); macOS asks lsof and Windows netstat (best effort).
 */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { endianness } from "node:os";
import {
  type ListeningSocket,
  parseLsof,
  parseNetstat,
  parseProcNet,
  parseTasklist,
} from "../../core/preflight/sockets.js";

export interface SocketScan {
  /** null when the table could not be read. */
  sockets: ListeningSocket[] | null;
  /** Where they came from, or why there are none. */
  source: string;
  timings: { tables: number; owners: number };
}

/** Which sockets matter (the project's ports, the policy's ranges): only their owners are looked up. */
export type Wanted = (socket: ListeningSocket) => boolean;

function since(start: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - start) / 1e5) / 10;
}

/** uid -> user name from /etc/passwd (empty when it cannot be read). */
function passwd(): Map<number, string> {
  const users = new Map<number, string>();
  try {
    for (const line of readFileSync("/etc/passwd", "utf8").split("\n")) {
      const [name, , uid] = line.split(":");
      if (name && uid && /^\d+$/.test(uid) && !users.has(Number(uid))) users.set(Number(uid), name);
    }
  } catch {
    // No passwd file (a distroless container): uids stay numbers.
  }
  return users;
}

function readTable(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

/**
 * Maps socket inodes to processes by walking /proc/<pid>/fd, stopping as soon as every wanted inode
 * is found. Returns the pids found and whether some processes could not be read (not root).
 */
export function findOwners(inodes: Set<number>, procRoot = "/proc"): { found: Map<number, number>; denied: boolean } {
  const found = new Map<number, number>();
  let denied = false;
  if (inodes.size === 0) return { found, denied };
  let pids: string[];
  try {
    pids = readdirSync(procRoot).filter((name) => /^\d+$/.test(name));
  } catch {
    return { found, denied: true };
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`${procRoot}/${pid}/fd`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EACCES") denied = true;
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`${procRoot}/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (!target.startsWith("socket:[")) continue;
      const inode = Number(target.slice(8, -1));
      if (inodes.has(inode) && !found.has(inode)) {
        found.set(inode, Number(pid));
        if (found.size === inodes.size) return { found, denied };
      }
    }
  }
  return { found, denied };
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "";
  }
}

/** Linux: /proc/net/{tcp,tcp6,udp,udp6}, then the owners of the wanted ports only. */
export function linuxSockets(wanted: Wanted): SocketScan {
  const started = process.hrtime.bigint();
  const little = endianness() === "LE";
  const sockets: ListeningSocket[] = [];
  let read = 0;
  for (const [file, protocol] of [
    ["tcp", "tcp"],
    ["tcp6", "tcp"],
    ["udp", "udp"],
    ["udp6", "udp"],
  ] as const) {
    const text = readTable(`/proc/net/${file}`);
    if (text === null) continue;
    read++;
    sockets.push(...parseProcNet(text, protocol, little));
  }
  const tables = since(started);
  if (read === 0) {
    return { sockets: null, source: "/proc/net cannot be read", timings: { tables, owners: 0 } };
  }
  const walkStart = process.hrtime.bigint();
  const taken = sockets.filter((s) => s.inode !== null && wanted(s));
  const { found, denied } = findOwners(new Set(taken.map((s) => s.inode as number)));
  const users = taken.length > 0 ? passwd() : new Map<number, string>();
  const root = process.getuid?.() === 0;
  for (const s of taken) {
    const pid = found.get(s.inode as number);
    if (pid !== undefined) {
      const user = s.uid === null ? null : (users.get(s.uid) ?? String(s.uid));
      s.owner = { kind: "process", pid, command: commandOf(pid), user };
    } else {
      // Not found: either we may not look (not root, or /proc hides other users' processes), or no
      // process of this pid namespace holds it.
      s.owner = denied || !root ? { kind: "hidden", uid: s.uid } : { kind: "outside", uid: s.uid };
    }
  }
  const owners = since(walkStart);
  const seen = `/proc/net (${sockets.length} listening sockets${root ? "" : "; not root: owners of other users' sockets are hidden"})`;
  return { sockets, source: seen, timings: { tables, owners } };
}

function run(command: string, args: string[], timeout: number): Promise<{ stdout: string; error: string | null }> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout, maxBuffer: 64 * 1024 * 1024, windowsHide: true }, (error, stdout) => {
      // lsof exits 1 when it finds nothing: that is an answer, not a failure.
      const code = (error as { code?: unknown } | null)?.code;
      if (error && !(command === "lsof" && code === 1)) {
        resolve({
          stdout: "",
          error: code === "ENOENT" ? `${command} is not installed` : (error.message.split("\n")[0] ?? ""),
        });
      } else resolve({ stdout, error: null });
    });
  });
}

/** macOS (and other Unix without /proc): lsof. Without root it sees only this user's processes. */
export async function lsofSockets(timeout: number): Promise<SocketScan> {
  const started = process.hrtime.bigint();
  const fields = ["-F", "pcuLPtn"];
  const [tcp, udp] = await Promise.all([
    run("lsof", ["-nP", "-iTCP", "-sTCP:LISTEN", ...fields], timeout),
    run("lsof", ["-nP", "-iUDP", ...fields], timeout),
  ]);
  const tables = since(started);
  if (tcp.error) return { sockets: null, source: `lsof failed: ${tcp.error}`, timings: { tables, owners: 0 } };
  const sockets = [...parseLsof(tcp.stdout, "tcp"), ...(udp.error ? [] : parseLsof(udp.stdout, "udp"))];
  const root = process.getuid?.() === 0;
  const source = `lsof (${sockets.length} listening sockets${root ? "" : "; not root: other users' sockets are not listed"})`;
  return { sockets, source, timings: { tables, owners: 0 } };
}

/** Windows: netstat -ano, and tasklist for the process names. */
export async function netstatSockets(timeout: number): Promise<SocketScan> {
  const started = process.hrtime.bigint();
  const [netstat, tasklist] = await Promise.all([
    run("netstat", ["-ano"], timeout),
    run("tasklist", ["/FO", "CSV", "/NH"], timeout),
  ]);
  const tables = since(started);
  if (netstat.error)
    return { sockets: null, source: `netstat failed: ${netstat.error}`, timings: { tables, owners: 0 } };
  const names = parseTasklist(tasklist.stdout);
  const sockets = parseNetstat(netstat.stdout);
  for (const s of sockets) {
    if (s.owner?.kind === "process") s.owner.command = names.get(s.owner.pid) ?? "";
  }
  return { sockets, source: `netstat -ano (${sockets.length} listening sockets)`, timings: { tables, owners: 0 } };
}

export async function scanSockets(wanted: Wanted, timeout: number): Promise<SocketScan> {
  if (process.platform === "linux") return linuxSockets(wanted);
  if (process.platform === "win32") return netstatSockets(timeout);
  return lsofSockets(timeout);
}
