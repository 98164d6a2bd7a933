/** How projects are assembled: YAML features, merges, includes, extends, environments. */
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../src/core/compose-file.js";
import { lintFiles, only, positions } from "../support/lint.js";

const ports = (files: Record<string, string>, options = {}) =>
  lintFiles(files, options).bindings.map(
    (b) =>
      `${b.service} ${b.file}:${b.line} ${b.hostIp || "*"}:${b.hostPort}-${b.hostPortEnd}->${b.containerPort}/${b.protocol} ${b.variable ?? "-"}=${b.default ?? "-"}`,
  );

describe("YAML", () => {
  it("anchors, aliases and merge keys, with positions at the anchored node", () => {
    const files = {
      "compose.yaml":
        'x-db: &db\n  image: postgres:16\n  ports:\n    - "5432:5432"\nservices:\n  a:\n    <<: *db\n  b:\n    <<: *db\n    ports:\n      - "${B_PORT:-7001}:5432"\n',
    };
    expect(ports(files)).toEqual([
      "a compose.yaml:4 *:5432-5432->5432/tcp -=-",
      "b compose.yaml:11 *:7001-7001->5432/tcp B_PORT=7001",
    ]);
    expect(positions(lintFiles(files), "PG102")).toEqual(["PG102 compose.yaml:4:7-4:18"]);
  });

  it("YAML 1.2: 80:80 is a string, not a sexagesimal number; plain integers are container ports", () => {
    expect(
      ports({ "compose.yaml": "services:\n  a:\n    build: .\n    ports:\n      - 80:80\n      - 9000\n" }),
    ).toEqual(["a compose.yaml:5 *:80-80->80/tcp -=-", "a compose.yaml:6 *:null-null->9000/tcp -=-"]);
  });

  it("several documents in one file merge in order", () => {
    const files = {
      "compose.yaml":
        'services:\n  a:\n    build: .\n    ports:\n      - "8080:80"\n---\nservices:\n  a:\n    ports:\n      - "8081:80"\n',
    };
    expect(ports(files)).toEqual([
      "a compose.yaml:5 *:8080-8080->80/tcp -=-",
      "a compose.yaml:10 *:8081-8081->80/tcp -=-",
    ]);
  });

  it("!reset and !override", () => {
    const files = {
      "compose.yaml":
        'services:\n  a:\n    build: .\n    ports:\n      - "8080:80"\n  b:\n    build: .\n    ports:\n      - "9090:90"\n',
      "compose.override.yaml": 'services:\n  a:\n    ports: !reset []\n  b:\n    ports: !override\n      - "9091:90"\n',
    };
    expect(ports(files)).toEqual(["b compose.override.yaml:6 *:9091-9091->90/tcp -=-"]);
  });

  it("parseCompose never throws and keeps positions", () => {
    const file = parseCompose('services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n', "compose.yaml");
    expect(file.problems).toEqual([]);
    const web = file.documents[0]?.services[0];
    expect(web?.name).toBe("web");
    const port = web?.ports?.[0];
    expect(port?.kind).toBe("short");
    const value = port?.kind === "short" ? port.value : null;
    expect(value?.value).toBe("80:80");
    expect([value?.range.start, value?.range.end]).toEqual([
      { line: 4, column: 13 },
      { line: 4, column: 20 },
    ]);
    // A range as JSON is its positions (it is kept as four numbers).
    expect(JSON.parse(JSON.stringify(value?.range))).toEqual({
      start: { line: 4, column: 13 },
      end: { line: 4, column: 20 },
    });
    expect(parseCompose("a: [", "x.yml").malformed).toBe(true);
    expect(parseCompose("- just\n- a list\n", "x.yml").problems[0]?.message).toMatch(
      /top-level object must be a mapping/,
    );
  });
});

describe("merging", () => {
  it("an override restating a binding counts once, a new one is added", () => {
    const files = {
      "docker-compose.yml": 'services:\n  a:\n    build: .\n    ports:\n      - "${A_PORT:-8080}:80"\n',
      "docker-compose.override.yml": 'services:\n  a:\n    ports:\n      - "${A_PORT:-8080}:80"\n      - "9229:9229"\n',
    };
    expect(ports(files)).toEqual([
      "a docker-compose.override.yml:4 *:8080-8080->80/tcp A_PORT=8080",
      "a docker-compose.override.yml:5 *:9229-9229->9229/tcp -=-",
    ]);
  });

  it("only compose's default base and override pair up", () => {
    const files = {
      "compose.yaml": 'services:\n  a:\n    build: .\n    ports:\n      - "8080:80"\n',
      "docker-compose.yml": 'services:\n  b:\n    build: .\n    ports:\n      - "8081:80"\n',
      "docker-compose.override.yml": 'services:\n  a:\n    ports:\n      - "8082:80"\n',
    };
    // The override merges into compose.yaml (compose's default), docker-compose.yml is a project of its own.
    expect(ports(files).sort()).toEqual([
      "a compose.yaml:5 *:8080-8080->80/tcp -=-",
      "a docker-compose.override.yml:4 *:8082-8082->80/tcp -=-",
      "b docker-compose.yml:5 *:8081-8081->80/tcp -=-",
    ]);
  });

  it("extends: in the same file, from another file, chained; the extending service wins", () => {
    const files = {
      "compose.yaml":
        'services:\n  base:\n    image: redis:7\n    ports:\n      - "${BASE_PORT:-7030}:6379"\n  copy:\n    extends: base\n    ports:\n      - "7031:6379"\n  remote:\n    extends:\n      file: lib/common.yaml\n      service: tpl\n',
      "lib/common.yaml":
        'services:\n  tpl:\n    extends: root\n    image: postgres:16\n  root:\n    image: mysql:8\n    ports:\n      - "${ROOT_PORT:-7040}:5432"\n',
    };
    const report = lintFiles(files);
    expect(ports(files)).toEqual([
      "base compose.yaml:5 *:7030-7030->6379/tcp BASE_PORT=7030",
      "copy compose.yaml:5 *:7030-7030->6379/tcp BASE_PORT=7030",
      "copy compose.yaml:9 *:7031-7031->6379/tcp -=-",
      "remote lib/common.yaml:8 *:7040-7040->5432/tcp ROOT_PORT=7040",
    ]);
    // remote is a postgres (the nearer definition wins over root's mysql) and lib/common.yaml is no project of its own.
    expect(report.bindings.filter((b) => b.service === "root" || b.service === "tpl")).toEqual([]);
    expect(report.diagnostics.filter((d) => d.rule === "PG108").map((d) => d.service)).toEqual([]);
    expect(positions(report, "PG107")).toEqual(["PG107 compose.yaml:5:9-5:34", "PG107 compose.yaml:5:9-5:34"]);
  });

  it("circular extends and unknown services are PG001", () => {
    const report = lintFiles({
      "compose.yaml":
        "services:\n  a:\n    image: x\n    extends: b\n  b:\n    image: x\n    extends: a\n  c:\n    image: x\n    extends: nope\n",
    });
    expect(report.diagnostics.filter((d) => d.rule === "PG001").map((d) => `${d.line} ${d.message}`)).toEqual([
      "4 circular extends: compose.yaml#b -> compose.yaml#a -> compose.yaml#b",
      "7 circular extends: compose.yaml#a -> compose.yaml#b -> compose.yaml#a",
      "10 cannot extend service nope: not defined in compose.yaml",
    ]);
  });
});

describe("include", () => {
  it("an included file reads its own folder's .env; the parent's variables win; it is loaded once", () => {
    const files = {
      ".env": "SHARED_PORT=7001\n",
      "compose.yaml": "include:\n  - db/compose.yaml\nservices: {}\n",
      "db/.env": "DB_PORT=7005\nSHARED_PORT=7999\n",
      "db/compose.yaml":
        'services:\n  db:\n    image: postgres:16\n    ports:\n      - "${DB_PORT:-7000}:5432"\n      - "${SHARED_PORT:-7002}:5433"\n',
    };
    expect(ports(files)).toEqual([
      "db db/compose.yaml:5 *:7005-7005->5432/tcp DB_PORT=7000",
      "db db/compose.yaml:6 *:7001-7001->5433/tcp SHARED_PORT=7002",
    ]);
  });

  it("long syntax: several paths (the others override the first), env_file, project_directory", () => {
    const files = {
      "compose.yaml":
        "include:\n  - path: [stack/base.yaml, stack/more.yaml]\n    env_file: stack/custom.env\n    project_directory: stack\n",
      "stack/custom.env": "WEB_PORT=8088\n",
      "stack/base.yaml": 'services:\n  web:\n    build: .\n    ports:\n      - "${WEB_PORT:-8080}:80"\n',
      "stack/more.yaml": 'services:\n  web:\n    ports:\n      - "9000:90"\n',
    };
    expect(ports(files)).toEqual([
      "web stack/base.yaml:5 *:8088-8088->80/tcp WEB_PORT=8080",
      "web stack/more.yaml:4 *:9000-9000->90/tcp -=-",
    ]);
  });

  it("cycles and missing files are PG001; remote includes are skipped", () => {
    const report = lintFiles({
      "compose.yaml": "include:\n  - a.yaml\n  - oci://registry/thing:1\nservices: {}\n",
      "a.yaml": "include:\n  - compose.yaml\n",
    });
    expect(report.diagnostics.filter((d) => d.rule === "PG001").map((d) => `${d.file}:${d.line} ${d.message}`)).toEqual(
      ["a.yaml:2 include cycle: compose.yaml -> a.yaml -> compose.yaml"],
    );
  });
});

describe("loading one project at a time", () => {
  // Discovery parses only the files that may include or extend another; the others are parsed
  // when their project loads, and their documents are dropped once no project still to load lists them.
  const pg001 = (report: ReturnType<typeof lintFiles>) =>
    report.diagnostics.filter((d) => d.rule === "PG001").map((d) => `${d.file}:${d.line} ${d.message}`);

  it("an include written with an escape is found: the included stack is not a project of its own", () => {
    const db = 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "7000:5432"\n';
    for (const key of ["include", '"\\x69nclude"', '"incl\\u0075de"']) {
      const report = lintFiles({
        "compose.yaml": `${key}:\n  - db/compose.yaml\nservices: {}\n`,
        "db/compose.yaml": db,
      });
      expect(
        report.bindings.map((b) => `${b.project} ${b.file}:${b.line}`),
        key,
      ).toEqual(["project db/compose.yaml:5"]);
      expect(only(report, "PG107"), key).toEqual([]);
    }
  });

  it("a file two projects extend is read for each, its problems reported once", () => {
    const files = {
      "common/base.yml": 'services:\n  base:\n    image: nginx\n    ports:\n      - "80:80:80:80"\n',
      "a/compose.yaml": "services:\n  web:\n    extends:\n      file: ../common/base.yml\n      service: base\n",
      "b/compose.yaml": "services:\n  api:\n    extends:\n      file: ../common/base.yml\n      service: base\n",
    };
    const report = lintFiles(files);
    expect(pg001(report)).toEqual([
      "common/base.yml:5 invalid port mapping: invalid IP address 80:80: too many colons in address",
    ]);
  });

  it("a file two projects include through others is parsed again for the second, with the same result", () => {
    const files = {
      "shared/base.yml":
        'services:\n  cache:\n    image: redis:7\n    ports:\n      - "${CACHE_PORT:-7150}:6379"\n  cache:\n',
      "shared/one.yml": "include:\n  - base.yml\n",
      "shared/two.yml": "include:\n  - base.yml\n",
      "a/compose.yaml": "include:\n  - ../shared/one.yml\nservices: {}\n",
      "b/compose.yaml": "include:\n  - ../shared/two.yml\nservices: {}\n",
      "c/compose.yaml": "include:\n  - ../shared/two.yml\nservices: {}\n",
    };
    expect(pg001(lintFiles(files))).toEqual(["shared/base.yml:6 not well-formed YAML: Map keys must be unique"]);
    const fine = { ...files, "shared/base.yml": (files["shared/base.yml"] as string).replace(/ {2}cache:\n$/, "") };
    expect(lintFiles(fine).bindings.map((b) => `${b.project} ${b.file}:${b.line}`)).toEqual([
      "a shared/base.yml:5",
      "b shared/base.yml:5",
      "c shared/base.yml:5",
    ]);
  });
});

describe("environment", () => {
  it("a folder's own .env, else the central one; stand-ins only where no .env exists", () => {
    const svc = (v: string) => `services:\n  s:\n    build: .\n    ports:\n      - "\${${v}:-1}:80"\n`;
    const files = {
      ".env": "A_PORT=1001\nB_PORT=1002\n",
      ".env.example": "A_PORT=9999\n",
      "a/compose.yaml": svc("A_PORT"),
      "b/.env": "B_PORT=2002\n",
      "b/compose.yaml": svc("B_PORT"),
    };
    expect(lintFiles(files).bindings.map((b) => `${b.file} ${b.hostPort}`)).toEqual([
      "a/compose.yaml 1001",
      "b/compose.yaml 2002",
    ]);
    const ci = {
      ".env.example": "A_PORT=3001\n",
      "a/.env.sample": "A_PORT=3002\n",
      "a/compose.yaml": svc("A_PORT"),
      "b/compose.yaml": svc("A_PORT"),
    };
    expect(lintFiles(ci).bindings.map((b) => `${b.file} ${b.hostPort}`)).toEqual([
      "a/compose.yaml 3002",
      "b/compose.yaml 3001",
    ]);
  });

  it("files.env moves the central file", () => {
    const files = {
      ".portguard.yml": "files:\n  env: [config/ports.env]\n",
      "config/ports.env": "A_PORT=4001\n",
      "compose.yaml": 'services:\n  s:\n    build: .\n    ports:\n      - "${A_PORT:-1}:80"\n',
    };
    expect(lintFiles(files).bindings.map((b) => b.hostPort)).toEqual([4001]);
  });

  it("the process environment only when asked, and it wins", () => {
    const files = {
      ".env": "A_PORT=1001\n",
      "compose.yaml": 'services:\n  s:\n    build: .\n    ports:\n      - "${A_PORT:-1}:80"\n',
    };
    expect(lintFiles(files, { processEnv: { A_PORT: "5005" } }).bindings[0]?.hostPort).toBe(5005);
    expect(lintFiles(files).bindings[0]?.hostPort).toBe(1001);
  });
});

describe("categories", () => {
  it("registry, then label, then x-portguard, then image patterns, else app; build without image is app", () => {
    const svc = (name: string, extra: string) =>
      `  ${name}:\n${extra}    ports:\n      - "\${P_${name.toUpperCase()}_PORT:-1}:80"\n`;
    const report = lintFiles({
      ".portguard.yml": 'services:\n  reg: { category: ui }\ncategories:\n  cache:\n    images: ["myorg/cache*"]\n',
      "compose.yaml": `services:\n${svc("reg", "    image: postgres\n")}${svc("lab", "    image: postgres\n    labels:\n      portguard.category: exporter\n")}${svc("listlab", "    build: .\n    labels:\n      - portguard.category=database\n")}${svc("xp", "    image: postgres\n    x-portguard:\n      category: ui\n")}${svc("img", "    image: docker.io/library/postgres:16@sha256:abc\n")}${svc("custom", "    image: registry.example.com:5000/myorg/cache-server:1\n")}${svc("bld", "    build: .\n")}`,
    });
    expect(Object.fromEntries(report.bindings.map((b) => [b.service, b.category]))).toEqual({
      reg: "ui",
      lab: "exporter",
      listlab: "database",
      xp: "ui",
      img: "database",
      custom: "cache",
      bld: "app",
    });
  });
});
