/**
 * IP literals as Go's `net.ParseIP` accepts them (what compose uses for `host_ip`): dotted IPv4
 * without leading zeros, IPv6 with at most one `::`, an optional IPv4 tail, no zone.
 */

export type IpFamily = 4 | 6;

function parseIPv4(s: string): number[] | null {
  const fields = s.split(".");
  if (fields.length !== 4) return null;
  const bytes: number[] = [];
  for (const f of fields) {
    if (!/^[0-9]{1,3}$/.test(f)) return null;
    if (f.length > 1 && f[0] === "0") return null;
    const n = Number(f);
    if (n > 255) return null;
    bytes.push(n);
  }
  return bytes;
}

function parseIPv6(input: string): number[] | null {
  const ip: number[] = [];
  let s = input;
  let ellipsis = -1;
  if (s.startsWith("::")) {
    ellipsis = 0;
    s = s.slice(2);
    if (s === "") return new Array(16).fill(0);
  }
  while (ip.length < 16) {
    const m = /^[0-9a-fA-F]{1,4}/.exec(s);
    if (!m) return null;
    const after = s.slice(m[0].length);
    if (after.startsWith(".")) {
      if (ellipsis < 0 && ip.length !== 12) return null;
      if (ip.length + 4 > 16) return null;
      const v4 = parseIPv4(s);
      if (!v4) return null;
      ip.push(...v4);
      s = "";
      break;
    }
    const n = Number.parseInt(m[0], 16);
    ip.push(n >> 8, n & 0xff);
    s = after;
    if (s === "") break;
    if (s[0] !== ":" || s.length === 1) return null;
    s = s.slice(1);
    if (s[0] === ":") {
      if (ellipsis >= 0) return null;
      ellipsis = ip.length;
      s = s.slice(1);
      if (s === "") break;
    }
  }
  if (s !== "") return null;
  if (ip.length < 16) {
    if (ellipsis < 0) return null;
    const fill = new Array(16 - ip.length).fill(0);
    ip.splice(ellipsis, 0, ...fill);
  } else if (ellipsis >= 0) {
    return null;
  }
  return ip;
}

export interface ParsedIp {
  family: IpFamily;
  /** 16 bytes; IPv4 addresses are stored IPv4-mapped (::ffff:a.b.c.d), as Go does. */
  bytes: number[];
}

/** Parses an IP literal as Go's net.ParseIP does; null when it is not one. */
export function parseIp(s: string): ParsedIp | null {
  if (s.includes(":")) {
    const bytes = parseIPv6(s);
    return bytes ? { family: 6, bytes } : null;
  }
  if (s.includes(".")) {
    const v4 = parseIPv4(s);
    return v4 ? { family: 4, bytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4] } : null;
  }
  return null;
}

/** True for 0.0.0.0 and ::, the addresses that bind every interface of their family. */
export function isUnspecified(ip: ParsedIp): boolean {
  if (ip.family === 4) return ip.bytes.slice(12).every((b) => b === 0);
  return ip.bytes.every((b) => b === 0);
}

/** A canonical text for equality: IPv4 dotted, IPv6 as 32 hex digits. */
export function canonicalIp(ip: ParsedIp): string {
  if (ip.family === 4) return ip.bytes.slice(12).join(".");
  return ip.bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
}
