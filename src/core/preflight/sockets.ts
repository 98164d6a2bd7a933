/**
 * The listening sockets of a machine, from the text the operating system gives: Linux's
 * /proc/net tables, lsof's field output (macOS), netstat -ano (Windows). Pure parsers.
 */

export type SocketProtocol = "tcp" | "udp";

/** Who holds a socket, as far as this process can see. */
export type SocketOwner =
  | { kind: "process"; pid: number; command: string; user: string | null }
  /** Not root: the process table of other users cannot be read; the socket table still says the uid. */
  | { kind: "hidden"; uid: number | null }
  /** No process of this pid namespace holds it (a container with host networking, a sandbox). */
  | { kind: "outside"; uid: number | null };

export interface ListeningSocket {
  protocol: SocketProtocol;
  /** As the system prints it, normalised: 0.0.0.0, ::, 127.0.0.1, ::1, ::ffff:127.0.0.1. */
  address: string;
  port: number;
  uid: number | null;
  /** Linux: the socket's inode, to find its process. */
  inode: number | null;
  owner: SocketOwner | null;
}

/** TCP LISTEN in /proc/net/tcp*. */
const TCP_LISTEN = "0A";

function hexWord(word: string, littleEndian: boolean): number[] {
  const bytes = [0, 2, 4, 6].map((i) => Number.parseInt(word.slice(i, i + 2), 16));
  return littleEndian ? bytes.reverse() : bytes;
}

/** `0100007F` -> 127.0.0.1; 32 hex digits -> an IPv6 address (4 words of 4 bytes, each in host order). */
export function decodeProcAddress(hex: string, littleEndian = true): string | null {
  if (!/^[0-9A-Fa-f]+$/.test(hex)) return null;
  if (hex.length === 8) return hexWord(hex, littleEndian).join(".");
  if (hex.length !== 32) return null;
  const bytes = [0, 8, 16, 24].flatMap((i) => hexWord(hex.slice(i, i + 8), littleEndian));
  return formatIpv6(bytes);
}

/** RFC 5952 text of 16 bytes (longest zero run compressed, IPv4-mapped in dotted form). */
export function formatIpv6(bytes: number[]): string {
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
    return `::ffff:${bytes.slice(12).join(".")}`;
  }
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

/**
 * One /proc/net table (tcp, tcp6, udp, udp6): the listening TCP sockets, and every UDP socket (a
 * connected one, state 01, holds its local port as much as an unconnected one, 07: a bind fails).
 * Lines that do not parse are skipped (the kernel's format is stable; a truncated read is not).
 */
export function parseProcNet(text: string, protocol: SocketProtocol, littleEndian = true): ListeningSocket[] {
  const out: ListeningSocket[] = [];
  for (const line of text.split("\n")) {
    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10 || !/^\d+:$/.test(fields[0] ?? "")) continue;
    if (protocol === "tcp" && (fields[3] ?? "").toUpperCase() !== TCP_LISTEN) continue;
    const [addressHex, portHex] = (fields[1] ?? "").split(":");
    const address = decodeProcAddress(addressHex ?? "", littleEndian);
    const port = Number.parseInt(portHex ?? "", 16);
    if (address === null || !Number.isInteger(port) || port <= 0 || port > 65535) continue;
    const uid = Number(fields[7]);
    const inode = Number(fields[9]);
    out.push({
      protocol,
      address,
      port,
      uid: Number.isInteger(uid) ? uid : null,
      inode: Number.isInteger(inode) && inode > 0 ? inode : null,
      owner: null,
    });
  }
  return out;
}

/** `127.0.0.1:5432`, `*:5432`, `[::1]:5432` -> address and port ("*" is 0.0.0.0, or :: for IPv6). */
function splitEndpoint(text: string, ipv6: boolean): { address: string; port: number } | null {
  const m = /^(?:\[([^\]]+)\]|([^:\s]+|\*)):(\d+)$/.exec(text.trim());
  if (!m) return null;
  const port = Number(m[3]);
  if (port <= 0 || port > 65535) return null;
  const raw = m[1] ?? m[2] ?? "";
  const address = raw === "*" ? (ipv6 || m[1] !== undefined ? "::" : "0.0.0.0") : raw.replace(/%.*$/, "");
  return { address, port };
}

/**
 * `lsof -nP -iTCP -sTCP:LISTEN -F pcuPtn` (and `-iUDP`): one field per line, `p` starting a
 * process, the file fields (`t` IPv4/IPv6, `P` protocol, `n` name) following. A TCP name with `->`
 * is a connection, not a listener.
 */
export function parseLsof(text: string, protocol: SocketProtocol): ListeningSocket[] {
  const out: ListeningSocket[] = [];
  let pid = 0;
  let command = "";
  let uid: number | null = null;
  let user: string | null = null;
  let ipv6 = false;
  let fileProtocol: SocketProtocol = protocol;
  for (const line of text.split("\n")) {
    const field = line[0];
    const value = line.slice(1).replace(/\r$/, "");
    if (field === "p") {
      pid = Number(value);
      command = "";
      uid = null;
      user = null;
    } else if (field === "c") command = value;
    else if (field === "u") uid = /^\d+$/.test(value) ? Number(value) : null;
    else if (field === "L") user = value;
    else if (field === "f") {
      ipv6 = false;
      fileProtocol = protocol;
    } else if (field === "t") ipv6 = value === "IPv6";
    else if (field === "P") fileProtocol = value.toLowerCase() === "udp" ? "udp" : "tcp";
    else if (field === "n") {
      // A TCP name with `->` is a connection; a connected UDP socket still holds its local port.
      if (value.includes("->") && fileProtocol === "tcp") continue;
      const endpoint = splitEndpoint(value.replace(/->.*$/, "").replace(/\s*\(.*\)$/, ""), ipv6);
      if (!endpoint || !Number.isInteger(pid) || pid <= 0) continue;
      out.push({
        protocol: fileProtocol,
        ...endpoint,
        uid,
        inode: null,
        owner: { kind: "process", pid, command, user: user ?? (uid === null ? null : String(uid)) },
      });
    }
  }
  return out;
}

/**
 * Windows `netstat -ano`: `TCP 0.0.0.0:135 0.0.0.0:0 LISTENING 1052`, `UDP [::]:5353 *:* 2204`.
 * A TCP row listens when its foreign address is unspecified with port 0 (the state word is
 * translated on localised Windows: LISTENING, ABHÖREN, EN ESCUCHA ...).
 */
export function parseNetstat(text: string): ListeningSocket[] {
  const out: ListeningSocket[] = [];
  for (const line of text.split(/\r?\n/)) {
    const fields = line.trim().split(/\s+/);
    const proto = fields[0]?.toUpperCase();
    if (proto !== "TCP" && proto !== "UDP") continue;
    const local = splitEndpoint(fields[1] ?? "", (fields[1] ?? "").startsWith("["));
    const foreign = fields[2] ?? "";
    const pid = Number(fields[fields.length - 1]);
    if (!local || !Number.isInteger(pid)) continue;
    if (proto === "TCP" && !/^(?:0\.0\.0\.0|\[::\]|\*):0$/.test(foreign)) continue;
    if (proto === "UDP" && foreign !== "*:*") continue;
    out.push({
      protocol: proto === "TCP" ? "tcp" : "udp",
      ...local,
      uid: null,
      inode: null,
      owner: { kind: "process", pid, command: "", user: null },
    });
  }
  return out;
}

/** Windows `tasklist /FO CSV /NH`: `"postgres.exe","3312","Services","0","25,000 K"` -> pid -> image name. */
export function parseTasklist(text: string): Map<number, string> {
  const names = new Map<number, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^"((?:[^"]|"")*)","(\d+)"/.exec(line.trim());
    if (m) names.set(Number(m[2]), (m[1] ?? "").replace(/""/g, '"'));
  }
  return names;
}
