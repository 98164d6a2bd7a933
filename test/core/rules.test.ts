/**
 * Rule tables in the ESLint style: valid projects report nothing for the rule, invalid ones report
 * exactly the listed ranges (`RULE file:line:col-endLine:endCol`).
 */
import { describe, expect, it } from "vitest";
import { lintFiles, positions } from "../support/lint.js";

interface Case {
  name: string;
  files: Record<string, string>;
  /** Expected findings of the rule under test; empty for a valid case. */
  expect: string[];
  /** Expected suggestions, in the same order, when given. */
  suggestions?: ({ port?: number; variable?: string } | undefined)[];
  messageIds?: string[];
}

function table(rule: string, cases: Case[]) {
  describe(rule, () => {
    for (const c of cases) {
      it(c.name, () => {
        const report = lintFiles(c.files);
        expect(positions(report, rule)).toEqual(c.expect);
        const found = report.diagnostics.filter((d) => d.rule === rule);
        if (c.suggestions) expect(found.map((d) => d.suggestion)).toEqual(c.suggestions);
        if (c.messageIds) expect(found.map((d) => d.messageId)).toEqual(c.messageIds);
      });
    }
  });
}

const db = (name: string, image: string, port: string, extra = "") =>
  `  ${name}:\n    image: ${image}\n    ports:\n      - "${port}"\n${extra}`;

table("PG001", [
  {
    name: "well-formed file",
    files: { "compose.yaml": "services:\n  web:\n    image: nginx\n" },
    expect: [],
  },
  {
    name: "malformed YAML is one diagnostic at the parser's first error and nothing else",
    files: { "compose.yaml": "services:\n  web:\n    image: nginx\n   ports: [\n" },
    expect: ["PG001 compose.yaml:4:1-4:2"],
  },
  {
    name: "duplicate keys, as compose refuses them",
    files: { "compose.yaml": "services:\n  web:\n    image: nginx\n    image: redis\n" },
    expect: ["PG001 compose.yaml:4:5-4:6"],
  },
  {
    name: "unterminated interpolation at its scalar",
    files: { "compose.yaml": 'services:\n  web:\n    image: nginx\n    ports:\n      - "${WEB_PORT:-80:80"\n' },
    expect: ["PG001 compose.yaml:5:9-5:28"],
  },
  {
    name: "invalid interpolation anywhere in the file",
    files: { "compose.yaml": "services:\n  web:\n    image: nginx\n    environment:\n      A: ${ bad}\n" },
    expect: ["PG001 compose.yaml:5:10-5:17"],
  },
  {
    name: "port out of range, non-numeric published, bad protocol",
    files: {
      "compose.yaml":
        'services:\n  web:\n    image: nginx\n    ports:\n      - "70000:80"\n      - target: 80\n        published: "abc"\n      - "80:80/icmp"\n',
    },
    expect: ["PG001 compose.yaml:5:9-5:19", "PG001 compose.yaml:7:20-7:25", "PG001 compose.yaml:8:9-8:21"],
  },
  {
    name: "structure compose refuses",
    files: { "compose.yaml": "services:\n  web:\n    image: nginx\n    ports: 8080\n" },
    expect: ["PG001 compose.yaml:4:12-4:16"],
  },
  {
    name: "invalid .env line",
    files: { ".env": "A=1\nBAD KEY=2\n", "compose.yaml": "services: {}\n" },
    expect: ["PG001 .env:2:1-2:1"],
  },
  {
    name: "missing include and extends file",
    files: {
      "compose.yaml":
        "include:\n  - other.yaml\nservices:\n  web:\n    extends:\n      file: base.yaml\n      service: x\n",
    },
    expect: ["PG001 compose.yaml:2:5-2:15", "PG001 compose.yaml:6:13-6:22"],
  },
  {
    name: "an .env value that is not a port is PG301's business, not PG001's",
    files: {
      ".env": "WEB_PORT=abc\n",
      "compose.yaml": 'services:\n  web:\n    image: nginx\n    ports:\n      - "${WEB_PORT:-8080}:80"\n',
    },
    expect: [],
  },
]);

table("PG101", [
  {
    name: "app outside the protected range",
    files: { "compose.yaml": 'services:\n  api:\n    build: .\n    ports:\n      - "${API_PORT:-3000}:3000"\n' },
    expect: [],
  },
  {
    name: "app inside 7000-7999, short and long syntax",
    files: {
      "compose.yaml":
        'services:\n  api:\n    build: .\n    ports:\n      - "${API_PORT:-7050}:3000"\n      - target: 3001\n        published: 7301\n',
    },
    expect: ["PG101 compose.yaml:5:9-5:33", "PG101 compose.yaml:7:20-7:24"],
    suggestions: [{ variable: "API_PORT" }, { variable: "API_SECOND_PORT" }],
  },
  {
    name: "a database in the UI range gets PG101 only, with a database port suggested",
    files: { "compose.yaml": `services:\n${db("pg", "postgres:16", "${PG_PORT:-7100}:5432")}` },
    expect: ["PG101 compose.yaml:5:9-5:32"],
    suggestions: [{ port: 7000, variable: "PG_PORT" }],
  },
  {
    name: "a host range reaching into the protected range",
    files: {
      "compose.yaml": 'services:\n  api:\n    build: .\n    ports:\n      - "${API_PORTS:-6998-7001}:3000-3003"\n',
    },
    expect: ["PG101 compose.yaml:5:9-5:44"],
  },
  {
    name: "allow-listed",
    files: {
      ".portguard.yml": "allow:\n  - { service: api, port: 7050, reason: legacy }\n",
      "compose.yaml": 'services:\n  api:\n    build: .\n    ports:\n      - "${API_PORT:-7050}:3000"\n',
    },
    expect: [],
  },
  {
    name: "the value that binds is checked: .env moves it into the range",
    files: {
      ".env": "API_PORT=7500\n",
      "compose.yaml": 'services:\n  api:\n    build: .\n    ports:\n      - "${API_PORT:-3000}:3000"\n',
    },
    expect: ["PG101 compose.yaml:5:9-5:33"],
  },
]);

table("PG102", [
  {
    name: "database in its range",
    files: { "compose.yaml": `services:\n${db("pg", "postgres:16", "${PG_PORT:-7000}:5432")}` },
    expect: [],
  },
  {
    name: "database on its standard port, suggestion is the first free database port",
    files: {
      "compose.yaml": `services:\n${db("pg", "postgres:16", "${PG_PORT:-5432}:5432")}${db("other", "redis:7", "${OTHER_PORT:-7000}:6379")}`,
    },
    expect: ["PG102 compose.yaml:5:9-5:32"],
    suggestions: [{ port: 7001, variable: "PG_PORT" }],
  },
  {
    name: "UI and exporter outside their ranges",
    files: {
      "compose.yaml": `services:\n${db("ui", "dpage/pgadmin4:8", "${UI_PORT:-5050}:80")}${db("exp", "quay.io/prometheuscommunity/postgres-exporter:v0.15.0", "${EXP_PORT:-9187}:9187")}`,
    },
    expect: ["PG102 compose.yaml:5:9-5:30", "PG102 compose.yaml:9:9-9:33"],
    suggestions: [
      { port: 7100, variable: "UI_PORT" },
      { port: 7200, variable: "EXP_PORT" },
    ],
  },
  {
    name: "apps have no range: nothing to report",
    files: { "compose.yaml": 'services:\n  api:\n    image: node:20\n    ports:\n      - "5432:5432"\n' },
    expect: [],
  },
  {
    name: "unpinned bindings are PG113's",
    files: { "compose.yaml": `services:\n${db("pg", "postgres:16", "5432")}` },
    expect: [],
  },
  {
    name: "one run never hands out the same port twice",
    files: {
      "compose.yaml": `services:\n${db("a", "postgres:16", "${A_PORT:-5432}:5432")}${db("b", "postgres:16", "${B_PORT:-5433}:5432")}`,
    },
    expect: ["PG102 compose.yaml:5:9-5:31", "PG102 compose.yaml:9:9-9:31"],
    suggestions: [
      { port: 7000, variable: "A_PORT" },
      { port: 7001, variable: "B_PORT" },
    ],
  },
]);

table("PG103", [
  {
    name: "variable with default",
    files: { "compose.yaml": `services:\n${db("pg", "postgres:16", "${PG_PORT:-7000}:5432")}` },
    expect: [],
  },
  {
    name: "literal, with an IP, and a YAML integer",
    files: {
      "compose.yaml":
        'services:\n  pg:\n    image: postgres:16\n    ports:\n      - "7000:5432"\n      - 127.0.0.1:7001:5433\n  redis:\n    image: redis\n    ports:\n      - 6379\n',
    },
    expect: ["PG103 compose.yaml:5:9-5:20", "PG103 compose.yaml:6:9-6:28"],
    suggestions: [
      { port: 7000, variable: "PG_PORT" },
      { port: 7001, variable: "PG_SECOND_PORT" },
    ],
  },
  {
    name: "mixed literal and variable",
    files: { "compose.yaml": `services:\n${db("pg", "postgres:16", "70${N:-00}:5432")}` },
    expect: ["PG103 compose.yaml:5:9-5:26"],
    messageIds: ["mixed"],
  },
  {
    name: "apps are not governed by default",
    files: { "compose.yaml": 'services:\n  api:\n    build: .\n    ports:\n      - "3000:3000"\n' },
    expect: [],
  },
  {
    name: "variables.require: all governs apps too",
    files: {
      ".portguard.yml": "variables:\n  require: all\n",
      "compose.yaml": 'services:\n  api:\n    build: .\n    ports:\n      - "3000:3000"\n',
    },
    expect: ["PG103 compose.yaml:5:9-5:20"],
    suggestions: [{ variable: "API_PORT" }],
  },
  {
    name: "long syntax with an integer published port",
    files: {
      "compose.yaml":
        "services:\n  pg:\n    image: postgres:16\n    ports:\n      - target: 5432\n        published: 7000\n        host_ip: 127.0.0.1\n",
    },
    expect: ["PG103 compose.yaml:6:20-6:24"],
  },
]);

table("PG104", [
  {
    name: "default present",
    files: { "compose.yaml": `services:\n${db("pg", "postgres:16", "${PG_PORT:-7000}:5432")}` },
    expect: [],
  },
  {
    name: "${VAR}, $VAR and ${VAR:?msg}",
    files: {
      ".env": "A_PORT=7000\nB_PORT=7001\nC_PORT=7002\n",
      "compose.yaml": `services:\n${db("a", "postgres:16", "${A_PORT}:5432")}${db("b", "postgres:16", "$B_PORT:5432")}${db("c", "postgres:16", "${C_PORT:?set it}:5432")}`,
    },
    expect: ["PG104 compose.yaml:5:9-5:25", "PG104 compose.yaml:9:9-9:23", "PG104 compose.yaml:13:9-13:33"],
    suggestions: [
      { port: 7000, variable: "A_PORT" },
      { port: 7001, variable: "B_PORT" },
      { port: 7002, variable: "C_PORT" },
    ],
  },
]);

table("PG105", [
  {
    name: "defined in .env",
    files: { ".env": "A_PORT=7000\n", "compose.yaml": `services:\n${db("a", "postgres:16", "${A_PORT}:5432")}` },
    expect: [],
  },
  {
    name: "a default is a definition",
    files: { "compose.yaml": `services:\n${db("a", "postgres:16", "${A_PORT:-7000}:5432")}` },
    expect: [],
  },
  {
    name: "defined nowhere, apps included",
    files: {
      "compose.yaml": `services:\n${db("a", "postgres:16", "${A_PORT}:5432")}  api:\n    build: .\n    ports:\n      - "\${API_PORT}:3000"\n`,
    },
    expect: ["PG105 compose.yaml:5:9-5:25", "PG105 compose.yaml:9:9-9:27"],
  },
  {
    name: "a required variable that is missing is PG001's (compose refuses the file), not PG105's",
    files: { "compose.yaml": `services:\n${db("a", "postgres:16", "${A_PORT:?must be set}:5432")}` },
    expect: [],
  },
  {
    name: "the stand-in declares it when .env is missing",
    files: {
      ".env.example": "A_PORT=7000\n",
      "compose.yaml": `services:\n${db("a", "postgres:16", "${A_PORT}:5432")}`,
    },
    expect: [],
  },
]);

table("PG106", [
  {
    name: ".env agrees with the default",
    files: { ".env": "A_PORT=7000\n", "compose.yaml": `services:\n${db("a", "postgres:16", "${A_PORT:-7000}:5432")}` },
    expect: [],
  },
  {
    name: "reported once per variable, at its .env key",
    files: {
      ".env": "# ports\nexport A_PORT=7005\n",
      "compose.yaml": `services:\n${db("a", "postgres:16", "${A_PORT:-7000}:5432")}${db("b", "postgres:16", "127.0.0.1:${A_PORT:-7000}:5433")}`,
    },
    expect: ["PG106 .env:2:8-2:14"],
  },
  {
    name: "an invalid .env value is PG301's alone",
    files: { ".env": "A_PORT=x\n", "compose.yaml": `services:\n${db("a", "postgres:16", "${A_PORT:-7000}:5432")}` },
    expect: [],
  },
]);

table("PG107", [
  {
    name: "distinct ports, tcp vs udp, distinct addresses, IPv4 vs IPv6",
    files: {
      "compose.yaml":
        'services:\n  a:\n    build: .\n    ports:\n      - "8080:80"\n      - "5353:53/udp"\n      - "127.0.0.1:9000:9000"\n      - "[::1]:9100:9100"\n  b:\n    build: .\n    ports:\n      - "8081:80"\n      - "5353:53/tcp"\n      - "127.0.0.2:9000:9000"\n      - "127.0.0.1:9100:9100"\n',
    },
    expect: [],
  },
  {
    name: "unspecified overlaps everything; 0.0.0.0 every IPv4 address; :: every IPv6 address",
    files: {
      "compose.yaml":
        'services:\n  a:\n    build: .\n    ports:\n      - "8080:80"\n      - "0.0.0.0:9000:80"\n      - "[::]:9100:80"\n  b:\n    build: .\n    ports:\n      - "[::1]:8080:80"\n      - "127.0.0.5:9000:80"\n      - "[::1]:9100:80"\n      - "127.0.0.1:9100:81"\n',
    },
    expect: [
      "PG107 compose.yaml:5:9-5:18",
      "PG107 compose.yaml:6:9-6:26",
      "PG107 compose.yaml:7:9-7:23",
      "PG107 compose.yaml:11:9-11:24",
      "PG107 compose.yaml:12:9-12:28",
      "PG107 compose.yaml:13:9-13:24",
    ],
  },
  {
    name: "ranges overlap port by port; adjacent ranges do not",
    files: {
      "compose.yaml":
        'services:\n  a:\n    build: .\n    ports:\n      - "8000-8010:8000-8010"\n  b:\n    build: .\n    ports:\n      - "8010:80"\n  c:\n    build: .\n    ports:\n      - "8011-8020:8011-8020"\n',
    },
    expect: ["PG107 compose.yaml:5:9-5:30", "PG107 compose.yaml:9:9-9:18"],
  },
  {
    name: "a dynamic host range conflicts only when every port of it is taken",
    files: {
      "compose.yaml":
        'services:\n  a:\n    build: .\n    ports:\n      - "9000-9001:80"\n  b:\n    build: .\n    ports:\n      - "9000:80"\n  c:\n    build: .\n    ports:\n      - "9500-9502:80"\n  d:\n    build: .\n    ports:\n      - "9500-9502:9500-9502"\n',
    },
    expect: ["PG107 compose.yaml:13:9-13:23", "PG107 compose.yaml:17:9-17:30"],
  },
  {
    name: "an override restating a binding is the same binding",
    files: {
      "docker-compose.yml": 'services:\n  a:\n    build: .\n    ports:\n      - "${A_PORT:-8080}:80"\n',
      "docker-compose.override.yml": 'services:\n  a:\n    ports:\n      - "${A_PORT:-8080}:80"\n',
    },
    expect: [],
  },
  {
    name: "the same service in two alternative files of one folder is one container",
    files: {
      "docker-compose.yml": 'services:\n  a:\n    build: .\n    ports:\n      - "8080:80"\n',
      "docker-compose.prod.yml": 'services:\n  a:\n    build: .\n    ports:\n      - "8080:80"\n',
    },
    expect: [],
  },
  {
    name: "the same service name in two projects is two containers",
    files: {
      "one/compose.yaml": 'services:\n  a:\n    build: .\n    ports:\n      - "8080:80"\n',
      "two/compose.yaml": 'services:\n  a:\n    build: .\n    ports:\n      - "8080:80"\n',
    },
    expect: ["PG107 one/compose.yaml:5:9-5:18", "PG107 two/compose.yaml:5:9-5:18"],
  },
  {
    name: "hosts groups separate machines",
    files: {
      ".portguard.yml": "hosts:\n  - { name: prod, compose: ['deploy/prod/**'] }\n",
      "compose.yaml": 'services:\n  a:\n    build: .\n    ports:\n      - "8080:80"\n',
      "deploy/prod/compose.yaml": 'services:\n  b:\n    build: .\n    ports:\n      - "8080:80"\n',
    },
    expect: [],
  },
  {
    name: "hosts: directory makes every folder its own host",
    files: {
      ".portguard.yml": "hosts: directory\n",
      "one/compose.yaml": 'services:\n  a:\n    build: .\n    ports:\n      - "8080:80"\n',
      "two/docker-compose.db.yml": 'services:\n  b:\n    build: .\n    ports:\n      - "8080:80"\n',
      "two/docker-compose.extra.yml": 'services:\n  c:\n    build: .\n    ports:\n      - "8080:80"\n',
    },
    expect: ["PG107 two/docker-compose.db.yml:5:9-5:18", "PG107 two/docker-compose.extra.yml:5:9-5:18"],
  },
]);

table("PG108", [
  {
    name: "standard container ports, and every port of a multi-port image",
    files: {
      "compose.yaml": `services:\n${db("pg", "postgres:16", "${PG_PORT:-7000}:5432")}  q:\n    image: questdb/questdb:8\n    ports:\n      - "\${Q_HTTP_PORT:-7010}:9000"\n      - "\${Q_ILP_PORT:-7011}:9009"\n`,
    },
    expect: [],
  },
  {
    name: "a changed target of a known image",
    files: { "compose.yaml": `services:\n${db("r", "redis:7", "${R_PORT:-7030}:6380")}` },
    expect: ["PG108 compose.yaml:5:9-5:31"],
  },
  {
    name: "unknown images are not judged",
    files: { "compose.yaml": `services:\n${db("x", "example/thing", "${X_PORT:-3000}:1234")}` },
    expect: [],
  },
]);

table("PG109", [
  {
    name: "*_PORT names",
    files: { "compose.yaml": `services:\n${db("pg", "postgres:16", "${PG_PORT:-7000}:5432")}` },
    expect: [],
  },
  {
    name: "other names, and a custom pattern",
    files: {
      ".portguard.yml": 'variables:\n  pattern: "^PORT_[A-Z_]+$"\n',
      "compose.yaml": `services:\n${db("pg", "postgres:16", "${PG_PORT:-7000}:5432")}${db("r", "redis:7", "${PORT_REDIS:-7001}:6379")}`,
    },
    expect: ["PG109 compose.yaml:5:9-5:32"],
  },
]);

table("PG110", [
  {
    name: "instances on consecutive ports (a multi-port member skips its own ports)",
    files: {
      "compose.yaml":
        'services:\n  q1:\n    image: questdb/questdb:8\n    ports:\n      - "${Q1_HTTP_PORT:-7010}:9000"\n      - "${Q1_ILP_PORT:-7011}:9009"\n  q2:\n    image: questdb/questdb:8\n    ports:\n      - "${Q2_HTTP_PORT:-7012}:9000"\n',
    },
    expect: [],
  },
  {
    name: "a gap in the family",
    files: {
      "compose.yaml": `services:\n${db("a", "postgres:16", "${A_PORT:-7000}:5432")}${db("b", "postgres:15", "${B_PORT:-7001}:5432")}${db("c", "postgres:16", "${C_PORT:-7009}:5432")}`,
    },
    expect: ["PG110 compose.yaml:13:9-13:31"],
    suggestions: [{ port: 7002, variable: "C_PORT" }],
  },
]);

table("PG111", [
  {
    name: "as allocated",
    files: {
      ".portguard.yml": "services:\n  pg: { port: 7000, variable: PG_PORT }\n",
      "compose.yaml": `services:\n${db("pg", "postgres:16", "${PG_PORT:-7000}:5432")}`,
    },
    expect: [],
  },
  {
    name: "other port, other variable, nothing published",
    files: {
      ".portguard.yml":
        "services:\n  a: { port: 7000, variable: A_PORT }\n  b: { variable: B_PORT }\n  c: { category: database, port: 7002 }\n",
      "compose.yaml": `services:\n${db("a", "postgres:16", "${A_PORT:-7005}:5432")}${db("b", "postgres:16", "${BB_PORT:-7001}:5432")}  c:\n    image: postgres:16\n`,
    },
    expect: ["PG111 compose.yaml:5:9-5:31", "PG111 compose.yaml:9:9-9:32", "PG111 compose.yaml:10:3-10:4"],
    suggestions: [{ port: 7000, variable: "A_PORT" }, { variable: "B_PORT" }, { port: 7002 }],
    messageIds: ["port", "variable", "unpublished"],
  },
]);

table("PG112", [
  {
    name: "no docs file: nothing to check",
    files: { "compose.yaml": `services:\n${db("pg", "postgres:16", "${PG_PORT:-7000}:5432")}` },
    expect: [],
  },
  {
    name: "only the text inside the markers counts, as whole words",
    files: {
      "PORTS-CONVENTION.md":
        "7001 is mentioned here\n<!-- portguard:start -->\n| 7000 | pg |\n| 170020 | x |\n<!-- portguard:end -->\n",
      "compose.yaml": `services:\n${db("pg", "postgres:16", "${PG_PORT:-7000}:5432")}${db("b", "postgres:16", "${B_PORT:-7001}:5432")}${db("c", "postgres:16", "${C_PORT:-7002}:5432")}`,
    },
    expect: ["PG112 compose.yaml:9:9-9:31", "PG112 compose.yaml:13:9-13:31"],
  },
  {
    name: "docs: null turns it off",
    files: {
      ".portguard.yml": "docs: null\n",
      "PORTS-CONVENTION.md": "nothing\n",
      "compose.yaml": `services:\n${db("pg", "postgres:16", "${PG_PORT:-7000}:5432")}`,
    },
    expect: [],
  },
]);

table("PG113", [
  {
    name: "pinned",
    files: { "compose.yaml": `services:\n${db("pg", "postgres:16", "${PG_PORT:-7000}:5432")}` },
    expect: [],
  },
  {
    name: "container port only, host port 0, empty host, host networking",
    files: {
      "compose.yaml":
        'services:\n  a:\n    image: postgres:16\n    ports:\n      - "5432"\n      - "0:5433"\n      - "127.0.0.1::5434"\n      - target: 5435\n  b:\n    image: redis:7\n    network_mode: host\n',
    },
    expect: [
      "PG113 compose.yaml:5:9-5:15",
      "PG113 compose.yaml:6:9-6:17",
      "PG113 compose.yaml:7:9-7:26",
      "PG113 compose.yaml:8:17-8:21",
      "PG113 compose.yaml:11:19-11:23",
    ],
    messageIds: ["random", "zero", "random", "random", "hostNetwork"],
  },
  {
    name: "a variable that resolves to empty",
    files: { "compose.yaml": `services:\n${db("a", "postgres:16", "${A_PORT}:5432")}` },
    expect: ["PG113 compose.yaml:5:9-5:25"],
  },
  {
    name: "apps may publish random ports",
    files: { "compose.yaml": 'services:\n  api:\n    build: .\n    ports:\n      - "3000"\n' },
    expect: [],
  },
]);

table("PG114", [
  {
    name: "no env file at all: nothing to declare into",
    files: { "compose.yaml": `services:\n${db("pg", "postgres:16", "${PG_PORT:-7000}:5432")}` },
    expect: [],
  },
  {
    name: "declared",
    files: {
      ".env": "PG_PORT=7000\n",
      "compose.yaml": `services:\n${db("pg", "postgres:16", "${PG_PORT:-7000}:5432")}`,
    },
    expect: [],
  },
  {
    name: "missing from the central file, and from a subfolder's own .env",
    files: {
      ".env": "OTHER=1\n",
      "compose.yaml": `services:\n${db("pg", "postgres:16", "${PG_PORT:-7000}:5432")}`,
      "sub/.env": "X_PORT=7001\n",
      "sub/compose.yaml": `services:\n${db("x", "postgres:16", "${X_PORT:-7001}:5432")}${db("y", "postgres:16", "${Y_PORT:-7002}:5432")}`,
    },
    expect: ["PG114 compose.yaml:5:9-5:32", "PG114 sub/compose.yaml:9:9-9:31"],
  },
]);

const vol = (lines: string) => `    volumes:\n${lines}`;
table("PG201", [
  {
    name: "named volume on the data directory (or a parent), long syntax too",
    files: {
      "compose.yaml": `services:\n${db("a", "postgres:16", "${A_PORT:-7000}:5432", vol("      - pa:/var/lib/postgresql/data\n"))}${db("b", "postgres:18", "${B_PORT:-7001}:5432", vol("      - type: volume\n        source: pb\n        target: /var/lib/postgresql\n"))}volumes:\n  pa:\n    name: data-a\n  pb:\n    name: data-b\n`,
    },
    expect: [],
  },
  {
    name: "bind, anonymous, tmpfs, none",
    files: {
      "compose.yaml": `services:\n${db("a", "postgres:16", "${A_PORT:-7000}:5432", vol("      - ./data:/var/lib/postgresql/data\n"))}${db("b", "mongo:7", "${B_PORT:-7001}:27017", vol("      - /data/db\n"))}${db("c", "redis:7", "${C_PORT:-7002}:6379", vol("      - type: tmpfs\n        target: /data\n"))}${db("d", "mysql:8", "${D_PORT:-7003}:3306")}`,
    },
    expect: [
      "PG201 compose.yaml:7:9-7:40",
      "PG201 compose.yaml:13:9-13:17",
      "PG201 compose.yaml:20:17-20:22",
      "PG201 compose.yaml:21:3-21:4",
    ],
    messageIds: ["bind", "anonymous", "tmpfs", "none"],
  },
  {
    name: "caches without persistent data and non-databases are not judged",
    files: {
      "compose.yaml": `services:\n${db("m", "memcached:1.6", "${M_PORT:-7000}:11211")}  api:\n    build: .\n`,
    },
    expect: [],
  },
]);

table("PG202", [
  {
    name: "named, and external volumes",
    files: {
      "compose.yaml": `services:\n${db("a", "postgres:16", "${A_PORT:-7000}:5432", vol("      - a:/var/lib/postgresql/data\n"))}${db("b", "redis:7", "${B_PORT:-7001}:6379", vol("      - b:/data\n"))}volumes:\n  a:\n    name: data-a\n  b:\n    external: true\n`,
    },
    expect: [],
  },
  {
    name: "at the top-level definition, once even when shared",
    files: {
      "compose.yaml": `services:\n${db("a", "postgres:16", "${A_PORT:-7000}:5432", vol("      - shared:/var/lib/postgresql/data\n"))}${db("b", "postgres:16", "${B_PORT:-7001}:5432", vol("      - shared:/var/lib/postgresql/data\n"))}volumes:\n  shared:\n`,
    },
    expect: ["PG202 compose.yaml:15:3-15:9"],
  },
]);

table("PG203", [
  {
    name: "healthcheck and restart policy (deploy.restart_policy counts)",
    files: {
      "compose.yaml":
        'services:\n  a:\n    image: redis:7\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n    deploy:\n      restart_policy:\n        condition: on-failure\n',
    },
    expect: [],
  },
  {
    name: "missing, disabled, restart: no",
    files: {
      "compose.yaml":
        'services:\n  a:\n    image: redis:7\n  b:\n    image: redis:7\n    healthcheck:\n      disable: true\n    restart: always\n  c:\n    image: redis:7\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n    restart: "no"\n',
    },
    expect: ["PG203 compose.yaml:2:3-2:4", "PG203 compose.yaml:4:3-4:4", "PG203 compose.yaml:9:3-9:4"],
    messageIds: ["both", "healthcheck", "restart"],
  },
]);

table("PG301", [
  {
    name: "ports, and variables that are not ports",
    files: { ".env": "A_PORT=7000\nSECRET=not-a-port\nB_PORTS=x\n" },
    expect: [],
  },
  {
    name: "not a number, empty, out of range, a range for a plain variable",
    files: { ".env": "A_PORT=seven\nB_PORT=\nC_PORT=70000\nD_PORT=0\nE_PORT=7000-7002\n" },
    expect: [
      "PG301 .env:1:1-1:7",
      "PG301 .env:2:1-2:7",
      "PG301 .env:3:1-3:7",
      "PG301 .env:4:1-4:7",
      "PG301 .env:5:1-5:7",
    ],
    messageIds: ["invalid", "empty", "invalid", "invalid", "invalid"],
  },
  {
    name: "a variable used as a host port range may hold a range",
    files: {
      ".env": "CH_PORTS=7040-7042\n",
      "compose.yaml": 'services:\n  ch:\n    build: .\n    ports:\n      - "${CH_PORTS:-7040-7042}:8123-8125"\n',
    },
    expect: [],
  },
  {
    name: "a variable used as a host port is a port variable whatever its name",
    files: {
      ".env": "PG_REPLICA=abc\n",
      "compose.yaml": 'services:\n  pg:\n    build: .\n    ports:\n      - "${PG_REPLICA:-7005}:5432"\n',
    },
    expect: ["PG301 .env:1:1-1:11"],
  },
]);

table("PG302", [
  { name: "unique keys", files: { ".env": "A=1\nB=2\n" }, expect: [] },
  {
    name: "each later definition",
    files: { ".env": "A=1\nB=2\nA=3\nexport A=4\n" },
    expect: ["PG302 .env:3:1-3:2", "PG302 .env:4:8-4:9"],
  },
]);

table("PG303", [
  {
    name: "distinct values, aliases, non-port variables",
    files: { ".env": "A_PORT=7000\nB_PORT=${A_PORT}\nC_PORT=$A_PORT\nCOUNT=7000\n" },
    expect: [],
  },
  {
    name: "every holder of a shared value, by effective definition",
    files: { ".env": "A_PORT=7000\nB_PORT=7001\nC_PORT=7000\nB_PORT=7000\n" },
    expect: ["PG303 .env:1:1-1:7", "PG303 .env:3:1-3:7", "PG303 .env:4:1-4:7"],
  },
]);

const GOVERNED = {
  ".env": "TIMESCALEDB_PORT=7000\nPGADMIN_PORT=7100\n",
  "compose.yaml": `services:\n${db("timescaledb", "timescale/timescaledb:latest-pg16", "${TIMESCALEDB_PORT:-7000}:5432")}${db("pgadmin", "dpage/pgadmin4:8", "${PGADMIN_PORT:-7100}:80")}  api:\n    build: .\n    ports:\n      - "\${API_PORT:-3000}:3000"\n`,
};
table("PG401", [
  {
    name: "variables, fallbacks equal to the allocation, container-internal addresses, other ports, comments",
    files: {
      ...GOVERNED,
      "app/db.ts":
        'const port = Number(process.env.TIMESCALEDB_PORT ?? 7000);\nconst url = `postgres://u:p@localhost:${port}/db`;\nconst internal = "postgres://u:p@timescaledb:5432/db";\nconst api = "http://localhost:3000";\n// was localhost:7000 before the move\n/* port: 7000 */\nconst version = "7.0.0";\n',
      "worker/settings.py": 'import os\nPORT = int(os.getenv("TIMESCALEDB_PORT", "7000"))\n# DB_PORT = 7000\n',
      "package-lock.json": '{"port": 7000}\n',
    },
    expect: [],
  },
  {
    name: "host:port, URL authority, port keys, a wrong fallback",
    files: {
      ...GOVERNED,
      "app/db.ts":
        'const url = "postgres://u:p@localhost:7000/db";\nconst ui = "http://127.0.0.1:7100/";\nconst v6 = "[::1]:7000";\n',
      "config/app.json": '{\n  "database": { "host": "localhost", "port": 7000 }\n}\n',
      "worker/settings.py": 'DB_PORT = 7000\nPORT = int(os.getenv("TIMESCALEDB_PORT", "7001"))\n',
      "conf/app.properties": "db.port=7000\n",
    },
    expect: [
      "PG401 app/db.ts:1:39-1:43",
      "PG401 app/db.ts:2:30-2:34",
      "PG401 app/db.ts:3:19-3:23",
      "PG401 conf/app.properties:1:9-1:13",
      "PG401 config/app.json:2:46-2:50",
      "PG401 worker/settings.py:1:11-1:15",
      "PG401 worker/settings.py:2:43-2:47",
    ],
    suggestions: [
      { port: 7000, variable: "TIMESCALEDB_PORT" },
      { port: 7100, variable: "PGADMIN_PORT" },
      { port: 7000, variable: "TIMESCALEDB_PORT" },
      { port: 7000, variable: "TIMESCALEDB_PORT" },
      { port: 7000, variable: "TIMESCALEDB_PORT" },
      { port: 7000, variable: "TIMESCALEDB_PORT" },
      { port: 7000, variable: "TIMESCALEDB_PORT" },
    ],
    messageIds: ["hardcoded", "hardcoded", "hardcoded", "hardcoded", "hardcoded", "hardcoded", "fallback"],
  },
  {
    name: "suppressed with the language's comment",
    files: { ...GOVERNED, "app/db.ts": 'const url = "localhost:7000"; // portguard-disable-line PG401\n' },
    expect: [],
  },
]);

describe("PG107 suggestions", () => {
  const files = {
    "a/compose.yaml": `services:\n${db("first", "redis:7", "${FIRST_PORT:-7000}:6379")}`,
    "b/compose.yaml": `services:\n${db("second", "redis:7", "${SECOND_PORT:-7000}:6379")}`,
  };
  const suggestions = (options = {}) =>
    lintFiles(files, options)
      .diagnostics.filter((d) => d.rule === "PG107")
      .map((d) => `${d.service} ${d.suggestion?.port}`);

  it("the first binding in report order keeps the port, the other is told to move", () => {
    expect(suggestions()).toEqual(["first 7000", "second 7001"]);
  });

  it("in a change (a pull request, a commit), the binding in an unchanged file keeps it", () => {
    expect(suggestions({ changed: (f: string) => f.startsWith("a/") })).toEqual(["first 7001", "second 7000"]);
  });
});

describe("each finding once", () => {
  it("a file two projects load is reported once per rule, place and message, with the first project's suggestion", () => {
    // One host: the two projects' bindings are handed different ports (7000, then 7001).
    const report = lintFiles({
      ".portguard.yml": "hosts:\n  - { name: one, compose: ['**'] }\n",
      "shared/db.yaml": 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n',
      "a/compose.yaml": "include:\n  - ../shared/db.yaml\nservices: {}\n",
      "b/compose.yaml": "include:\n  - ../shared/db.yaml\nservices: {}\n",
    });
    const pg102 = report.diagnostics.filter((d) => d.rule === "PG102");
    expect(pg102.map((d) => `${d.file}:${d.line}:${d.column} ${d.suggestion?.port}`)).toEqual([
      "shared/db.yaml:5:9 7000",
    ]);
    expect(report.diagnostics.filter((d) => d.rule === "PG107").map((d) => `${d.file}:${d.line} ${d.message}`)).toEqual(
      ["shared/db.yaml:5 host port 5432/tcp of db is also published by db (shared/db.yaml:5)"],
    );
    expect(report.bindings.map((b) => `${b.project} ${b.file}:${b.line}`)).toEqual([
      "a shared/db.yaml:5",
      "b shared/db.yaml:5",
    ]);
  });
});
