/**
 * More compose-go facts than the shared vectors, derived from reading compose-go's template and
 * dotenv packages and go-connections' nat package (see the comments for the reasoning).
 */
import { describe, expect, it } from "vitest";
import { parseEnvFile } from "../../src/core/dotenv.js";
import { interpolate, interpolateDetailed } from "../../src/core/interpolation.js";
import { parseIp } from "../../src/core/ip.js";
import { composePortEntries, parsePortSpec } from "../../src/core/port-spec.js";

describe("interpolation", () => {
  it.each([
    ["${A:-}", {}, ""],
    ["$A$B", { A: "1", B: "2" }, "12"],
    ["pre$", {}, "pre$"],
    ["${A-${B-x}}", {}, "x"],
    ["${A:-é}", {}, "é"],
    ["$$$$", {}, "$$"],
    ["${A}\r", { A: "x" }, "x\r"],
    ["${lower}", { lower: "ok" }, "ok"],
    ["${A:+${A}}", { A: "v" }, "v"],
    ["${A:-a:b}:${B:-c}", {}, "a:b:c"],
  ])("%s with %j is %j", (template, env, expected) => {
    expect(interpolate(template, env as Record<string, string>)).toBe(expected);
  });

  it.each([["${A:-x\ny}"], ["${A B}"], ["${-A}"], ["${1A}"], ["${A:=x}"]])("%j is invalid", (template) => {
    expect(() => interpolate(template, {})).toThrow(/invalid interpolation/);
  });

  it("records which variable wrote which part of the output", () => {
    const r = interpolateDetailed("${HOST_IP:-127.0.0.1}:${PORT:-8080}:80", (n) => (n === "PORT" ? "9000" : undefined));
    expect(r.value).toBe("127.0.0.1:9000:80");
    expect(r.segments.map((s) => [s.text, s.reference?.name ?? null, s.reference?.source ?? null])).toEqual([
      ["127.0.0.1", "HOST_IP", "default"],
      [":", null, null],
      ["9000", "PORT", "variable"],
      [":80", null, null],
    ]);
    expect(r.references.map((x) => [x.name, x.operator, x.argument])).toEqual([
      ["HOST_IP", ":-", "127.0.0.1"],
      ["PORT", ":-", "8080"],
    ]);
  });
});

describe("port specs", () => {
  it.each([
    // go-connections strips brackets with net.SplitHostPort: "[]" is an empty host, i.e. all interfaces.
    ["[]:80:80", [{ target: 80, published: "80", host_ip: "", protocol: "tcp" }]],
    ["[::ffff:1.2.3.4]:80:80", [{ target: 80, published: "80", host_ip: "::ffff:1.2.3.4", protocol: "tcp" }]],
    ["0:80", [{ target: 80, published: "0", host_ip: "", protocol: "tcp" }]],
    // The protocol is what follows the first slash, up to the next (SplitProtoPort).
    ["80:80/tcp/udp", [{ target: 80, published: "80", host_ip: "", protocol: "tcp" }]],
    ["127.0.0.1:7000-7010:5432", [{ target: 5432, published: "7000-7010", host_ip: "127.0.0.1", protocol: "tcp" }]],
    ["65535:65535/SCTP", [{ target: 65535, published: "65535", host_ip: "", protocol: "sctp" }]],
  ])("%s", (input, expected) => {
    expect(composePortEntries(input)).toEqual(expected);
  });

  it.each([
    "-1:80",
    // docker compose v2.40 (go-connections v0.5) needs brackets around IPv6 and takes no sign.
    "::ffff:1.2.3.4:80:80",
    "+80-+81:80-81",
    // compose records no target for container port 0, then refuses the entry.
    "0:0",
    "0x50:80",
    "１２３",
    "01.2.3.4:80:80",
    "localhost:80:80",
    "[fe80::1%eth0]:80:80",
    "256.1.1.1:80:80",
    "[::1:80:80",
    "80:65536",
    "1-2-3:80",
  ])("%s is invalid", (input) => {
    expect(() => composePortEntries(input)).toThrow();
  });

  it("integers and long syntax", () => {
    expect(parsePortSpec(8080)).toEqual([
      { hostIp: "", hostPort: null, hostPortEnd: null, containerPort: 8080, containerPortEnd: 8080, protocol: "tcp" },
    ]);
    expect(
      parsePortSpec({ target: 5432, published: "7000", host_ip: "127.0.0.1", protocol: "tcp", mode: "host" }),
    ).toEqual([
      {
        hostIp: "127.0.0.1",
        hostPort: 7000,
        hostPortEnd: 7000,
        containerPort: 5432,
        containerPortEnd: 5432,
        protocol: "tcp",
      },
    ]);
    expect(parsePortSpec({ target: "80", published: "8000-9000" })).toEqual([
      { hostIp: "", hostPort: 8000, hostPortEnd: 9000, containerPort: 80, containerPortEnd: 80, protocol: "tcp" },
    ]);
    expect(() => parsePortSpec({ published: "80" })).toThrow(/no target/);
    expect(() => parsePortSpec({ target: 80, published: "abc" })).toThrow(/published/);
    expect(() => parsePortSpec({ target: 80, color: "red" })).toThrow(/unsupported port field/);
    expect(() => parsePortSpec(80.5)).toThrow();
  });
});

describe("ip literals (Go net.ParseIP)", () => {
  it.each(["0.0.0.0", "127.0.0.1", "::", "::1", "2001:db8::1", "::ffff:10.0.0.1", "1:2:3:4:5:6:7:8", "1::8"])(
    "%s",
    (ip) => {
      expect(parseIp(ip)).not.toBeNull();
    },
  );
  it.each([
    "",
    "1.2.3",
    "1.2.3.4.5",
    "01.2.3.4",
    "1:2:3:4:5:6:7:8:9",
    "1::2::3",
    "fe80::1%eth0",
    "12345::1",
    "::1.2.3",
    ":1:2",
  ])("%s is not", (ip) => {
    expect(parseIp(ip)).toBeNull();
  });
});

describe("dotenv", () => {
  it.each([
    ["A=a#b\n", { A: "a#b" }],
    ["A='a' #c\n", { A: "a" }],
    ['A=1\r\nB="2"\r\n', { A: "1", B: "2" }],
    ["A[0]=1\nA.B=2\nA-C=3\n", { "A[0]": "1", "A.B": "2", "A-C": "3" }],
    ["ÄÖ=1\n", { ÄÖ: "1" }],
    ["A=\t1\n", { A: "1" }],
    ["A=$B\nB=1\n", { A: "", B: "1" }],
    // compose-go quirk: a last line without separator becomes the value of the empty key.
    ["A=1\nTRAILING", { A: "1", "": "TRAILING" }],
    ["=\n", { "": "" }],
  ])("%j", (input, expected) => {
    const r = parseEnvFile(input);
    expect(r.errors).toEqual([]);
    expect({ ...r.values }).toEqual(expected);
  });

  it("keeps the line and columns of every key, duplicates included", () => {
    const r = parseEnvFile('# c\nexport A=1\n  B = "x\ny"\nA=2\n');
    expect(r.entries.map((e) => [e.key, e.line, e.column, e.endColumn])).toEqual([
      ["A", 2, 8, 9],
      ["B", 3, 3, 4],
      ["A", 5, 1, 2],
    ]);
    expect({ ...r.values }).toEqual({ A: "2", B: "x\ny" });
  });

  it("reports errors with their line and without quoting values", () => {
    const r = parseEnvFile('A=1\nB="secret-value\n');
    expect(r.errors).toEqual([{ message: "unterminated quoted value", line: 2, column: 1 }]);
    expect(JSON.stringify(r.errors)).not.toContain("secret");
    expect(parseEnvFile("GOOD=1\nBAD$KEY=secret\n").errors[0]).toMatchObject({ line: 2, column: 4 });
  });

  it("consults the lookup first, then earlier keys", () => {
    expect({ ...parseEnvFile("A=1\nB=${A}\nC=${D:-x}\n", { A: "shell" }).values }).toEqual({
      A: "1",
      B: "shell",
      C: "x",
    });
    expect({ ...parseEnvFile("A\n", (n) => (n === "A" ? "inherited" : undefined)).values }).toEqual({ A: "inherited" });
  });
});
