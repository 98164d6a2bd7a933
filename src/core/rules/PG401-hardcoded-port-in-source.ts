import { globMatcher } from "../globs.js";
import type { Rule } from "../rule.js";
import { governedPorts, scanSource, sourcePatterns } from "../source-ports.js";

export const hardcodedPortInSource: Rule = {
  id: "PG401",
  name: "hardcoded-port-in-source",
  severity: "error",
  description:
    "A source or config file of the application hardcodes a port that belongs to a governed service (`localhost:7000`, `port: 7000`, `DB_PORT=7000`, a URL) instead of reading the variable.",
  messages: {
    hardcoded:
      "port {{port}} is {{service}}'s allocation, hardcoded here: read {{variable}} from the environment instead",
    fallback: "the fallback {{port}} of {{variable}} is not its allocation {{allocated}}",
  },
  docs: {
    rationale:
      "The port convention only holds if applications read the port variables: a literal `localhost:7000` in code silently breaks when `.env` moves the database, and hides who depends on the allocation. A literal used as the fallback of its own variable (`process.env.TIMESCALEDB_PORT ?? 7000`) is fine when it equals the allocation. Addresses inside the compose network (`timescaledb:5432`) are correct and never reported. Files matched by `files.sources` are scanned: every one by `portguard check`, only the staged ones in the pre-commit hook.",
    bad: {
      description: "A connection string with the database's host port.",
      files: {
        "compose.yaml":
          'services:\n  db:\n    image: postgres:16\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
        "app/db.ts": 'export const url = "postgres://app:secret@localhost:7000/app";\n',
      },
    },
    good: {
      description:
        "The port comes from the variable (with its allocation as fallback); inside the compose network the container port is used.",
      files: {
        "compose.yaml":
          'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
        "app/db.ts":
          'const port = process.env.DB_PORT ?? 7000;\nexport const url = `postgres://app:secret@localhost:${port}/app`;\nexport const internal = "postgres://app:secret@db:5432/app";\n',
      },
    },
    exceptions:
      "Test fixtures that spell out ports on purpose: exclude them with `files.ignore`, or suppress the line.",
  },
  check(context, report) {
    const { byPort, byVariable } = governedPorts(context);
    const patterns = sourcePatterns(byPort, byVariable);
    if (!patterns || context.policy.files.sources.length === 0) return;
    const isSource = globMatcher(context.policy.files.sources);
    const ignored = globMatcher(context.policy.files.ignore);
    for (const path of context.tree.paths) {
      if (!isSource(path) || ignored(path) || (context.sourceFilter && !context.sourceFilter(path))) continue;
      const read = context.tree.read(path);
      if (read.kind !== "text" || read.text.includes("\0")) continue;
      for (const f of scanSource(path, read.text, byPort, byVariable, patterns)) {
        const service = context.services.find((s) => s.name === f.service);
        report({
          messageId: f.kind,
          args: { port: f.port, service: f.service, variable: f.variable, allocated: f.allocated ?? "" },
          location: {
            file: path,
            range: { start: { line: f.line, column: f.column }, end: { line: f.line, column: f.endColumn } },
          },
          suggestion: { port: f.allocated ?? f.port, variable: f.variable },
          ...(service ? { service } : {}),
        });
      }
    }
  },
};
