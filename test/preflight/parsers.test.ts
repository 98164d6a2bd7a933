/** The socket-table and engine parsers, on text recorded from real systems (see test/fixtures/preflight). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isLive, parseContainers, parseVolumes } from "../../src/core/preflight/docker.js";
import {
  decodeProcAddress,
  formatIpv6,
  parseLsof,
  parseNetstat,
  parseProcNet,
  parseTasklist,
} from "../../src/core/preflight/sockets.js";
import { projectRoot } from "../support/shared.js";

const recorded = (name: string) => readFileSync(join(projectRoot, "test/fixtures/preflight", name), "utf8");
const brief = (s: { protocol: string; address: string; port: number }) => `${s.protocol} ${s.address} ${s.port}`;

describe("/proc/net tables", () => {
  it.each([
    ["0100007F", "127.0.0.1"],
    ["00000000", "0.0.0.0"],
    ["0101A8C0", "192.168.1.1"],
    ["00000000000000000000000001000000", "::1"],
    ["00000000000000000000000000000000", "::"],
    ["0000000000000000FFFF00000200007F", "::ffff:127.0.0.2"],
    ["000080FE00000000FF8A2B1CD50E6F5E", "fe80::1c2b:8aff:5e6f:ed5"],
    ["B80D0120000000000000000001000000", "2001:db8::1"],
    ["0100007", null],
    ["zz00007F", null],
  ])("decodes %s as %s (little-endian words)", (hex, address) => {
    expect(decodeProcAddress(hex)).toBe(address);
  });

  it("decodes big-endian words as written", () => {
    expect(decodeProcAddress("7F000001", false)).toBe("127.0.0.1");
    expect(decodeProcAddress("00000000000000000000000000000001", false)).toBe("::1");
  });

  it("formats IPv6 the RFC 5952 way (longest zero run, first on ties)", () => {
    const bytes = (groups: number[]) => groups.flatMap((g) => [g >> 8, g & 0xff]);
    expect(formatIpv6(bytes([0x2001, 0xdb8, 0, 0, 1, 0, 0, 1]))).toBe("2001:db8::1:0:0:1");
    expect(formatIpv6(bytes([0x2001, 0xdb8, 1, 2, 3, 4, 5, 6]))).toBe("2001:db8:1:2:3:4:5:6");
    expect(formatIpv6(bytes([0x2001, 0xdb8, 0, 1, 1, 1, 1, 1]))).toBe("2001:db8:0:1:1:1:1:1");
  });

  it("tcp: LISTEN sockets only, with uid and inode (connections skipped)", () => {
    const sockets = parseProcNet(recorded("proc-net-tcp.txt"), "tcp");
    expect(sockets.map(brief)).toEqual(["tcp 127.0.0.1 47001", "tcp 0.0.0.0 2024"]);
    expect(sockets[0]).toMatchObject({ uid: 0, inode: 183070, owner: null });
  });

  it("tcp6: ::1, :: and an IPv4-mapped listener", () => {
    expect(parseProcNet(recorded("proc-net-tcp6.txt"), "tcp").map(brief)).toEqual([
      "tcp ::1 47002",
      "tcp :: 47003",
      "tcp ::ffff:127.0.0.2 47006",
    ]);
  });

  it("udp and udp6: unconnected and connected sockets (both hold their local port)", () => {
    expect(parseProcNet(recorded("proc-net-udp.txt"), "udp").map(brief)).toEqual([
      "udp 127.0.0.1 47004",
      "udp 127.0.0.1 47006",
    ]);
    expect(parseProcNet(recorded("proc-net-udp6.txt"), "udp").map(brief)).toEqual(["udp :: 47005"]);
  });

  it("skips what does not parse: headers, truncated lines, bad ports, other states", () => {
    const text = [
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
      "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 555 1",
      "   1: 0100007F:0000 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 556 1",
      "   2: 0100007F:1F91 00000000:0000 06 00000000:00000000 00:00000000 00000000     0        0 0 1",
      "   3: 0100007F:1F92",
      "garbage",
      "",
    ].join("\n");
    expect(parseProcNet(text, "tcp")).toEqual([
      { protocol: "tcp", address: "127.0.0.1", port: 8080, uid: 1000, inode: 555, owner: null },
    ]);
  });
});

describe("lsof -F (macOS and other Unix)", () => {
  it("listeners with pid, command and user; IPv6 and * addresses", () => {
    const sockets = parseLsof(recorded("lsof-tcp.txt"), "tcp");
    expect(sockets.map(brief)).toEqual([
      "tcp :: 47003",
      "tcp 127.0.0.1 47001",
      "tcp ::1 47002",
      "tcp 127.0.0.2 47006",
      ...sockets.slice(4).map(brief),
    ]);
    expect(sockets[0]?.owner).toMatchObject({ kind: "process", command: "node", user: "root" });
  });

  it("connections (a -> b) are not listeners", () => {
    const all = parseLsof(recorded("lsof-tcp-all.txt"), "tcp");
    expect(all.map(brief)).toEqual(parseLsof(recorded("lsof-tcp.txt"), "tcp").map(brief));
  });

  it("UDP, with the protocol from the P field; a connected UDP socket holds its local port", () => {
    const sockets = parseLsof(recorded("lsof-udp.txt"), "tcp").filter((s) => s.port > 47000);
    expect(sockets.map(brief)).toEqual(["udp 127.0.0.1 47004", "udp :: 47005"]);
    const connected = "p77\ncdig\nu0\nf5\ntIPv4\nPUDP\nn127.0.0.1:47006->127.0.0.1:53\n";
    expect(parseLsof(connected, "udp").map(brief)).toEqual(["udp 127.0.0.1 47006"]);
  });

  it("macOS field output: f fields, (LISTEN) suffixes, a uid without a login name", () => {
    const text =
      "p812\ncpostgres\nu501\nf7\ntIPv4\nPTCP\nn*:5432\nf8\ntIPv6\nPTCP\nn*:5432\np90\nclaunchd\nu0\nf9\ntIPv4\nn127.0.0.1:631 (LISTEN)\n";
    expect(parseLsof(text, "tcp").map((s) => [brief(s), s.owner])).toEqual([
      ["tcp 0.0.0.0 5432", { kind: "process", pid: 812, command: "postgres", user: "501" }],
      ["tcp :: 5432", { kind: "process", pid: 812, command: "postgres", user: "501" }],
      ["tcp 127.0.0.1 631", { kind: "process", pid: 90, command: "launchd", user: "0" }],
    ]);
  });
});

describe("netstat -ano and tasklist (Windows)", () => {
  it("listening TCP (any locale's state word) and UDP, with pids", () => {
    const sockets = parseNetstat(recorded("netstat-ano-windows.txt"));
    expect(sockets.map((s) => `${brief(s)} ${s.owner?.kind === "process" ? s.owner.pid : "-"}`)).toEqual([
      "tcp 0.0.0.0 135 1052",
      "tcp 0.0.0.0 445 4",
      "tcp 127.0.0.1 5432 3312",
      "tcp :: 135 1052",
      "tcp ::1 6379 7720",
      "tcp 0.0.0.0 7000 8120",
      "udp 0.0.0.0 5353 2204",
      "udp :: 5353 2204",
      "udp fe80::1c2b:3a4d:5e6f:7081 1900 5000",
    ]);
  });

  it("tasklist names the pids", () => {
    const names = parseTasklist(recorded("tasklist-windows.csv"));
    expect(names.get(3312)).toBe("postgres.exe");
    expect(names.get(8120)).toBe("com.docker.backend.exe");
    expect(names.size).toBe(7);
  });
});

describe("Docker Engine answers", () => {
  it("published ports with compose labels; exposed-only ports skipped", () => {
    const containers = parseContainers(recorded("containers.json"));
    expect(containers.map((c) => c.container.state)).toEqual(["running", "running", "running"]);
    expect(
      containers
        .flatMap((c) => c.published)
        .map(
          (p) =>
            `${p.container.name} ${p.container.project}/${p.container.service} ${p.address} ${p.port}/${p.protocol}`,
        ),
    ).toEqual([
      "shop-db-1 shop/db 0.0.0.0 7000/tcp",
      "shop-db-1 shop/db :: 7000/tcp",
      "legacy-redis null/null 127.0.0.1 7030/tcp",
      "other-stack-dns-1 other-stack/dns 0.0.0.0 7053/udp",
    ]);
    expect(containers[0]?.container.id).toBe("3f4e8a9b2c1d");
  });

  it("?all=1 (Docker 20.10): states, named volume mounts, the portguard.category label", () => {
    const containers = parseContainers(recorded("containers-all.json"));
    expect(containers.map((c) => [c.container.name, c.container.state, c.published.length])).toEqual([
      ["shop-pending", "created", 0],
      ["shop-db-1", "running", 2],
    ]);
    expect(containers[1]).toMatchObject({
      mounts: [{ name: "shop_data", destination: "/var/lib/postgresql/data" }],
      category: "database",
      workingDir: "/tmp/rec15",
      container: { project: "shop", service: "db", image: "postgres:pgtest" },
    });
    expect(isLive("created") && isLive("running") && !isLive("exited") && !isLive("dead")).toBe(true);
  });

  it("volume names", () => {
    expect(parseVolumes(recorded("volumes.json"))).toEqual([{ name: "shop_data", project: "shop", volume: "data" }]);
    expect(() => parseVolumes('{"message":"x"}')).toThrow(/no Volumes array/);
  });

  it("rejects what is not a list; tolerates odd entries", () => {
    expect(() => parseContainers('{"message":"nope"}')).toThrow(/not a JSON array/);
    expect(() => parseContainers("<html>")).toThrow();
    const odd = parseContainers('[null, 1, {"Ports": "x"}, {"Ports": [{"PublicPort": "7000"}]}]');
    expect(odd.flatMap((c) => c.published)).toEqual([]);
  });
});
