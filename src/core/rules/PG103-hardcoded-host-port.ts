import type { Rule } from "../rule.js";

export const hardcodedHostPort: Rule = {
  id: "PG103",
  name: "hardcoded-host-port",
  severity: "error",
  description: "A published host port is written as a literal instead of `${VAR:-default}`.",
  messages: {
    literal:
      "{{service}} publishes host port {{port}} as a literal; write it as a ${VAR:-default} variable declared in .env",
    mixed:
      "{{service}} builds host port {{port}} from literal text and variables; write it as one ${VAR:-default} variable",
  },
  fixable: true,
  docs: {
    rationale:
      'A literal host port can only be changed by editing the compose file, and applications cannot read it from one place. Writing it as `"${TIMESCALEDB_PORT:-7000}:5432"` keeps the default visible while `.env` can move it, and gives clients a variable to read. Applies to governed services (categories with ranges), or to every service with `variables.require: all`.',
    bad: {
      description: "A literal mapping.",
      files: {
        "compose.yaml":
          'services:\n  db:\n    image: postgres:16\n    ports:\n      - "7000:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
      },
    },
    good: {
      description: "A variable with a default, declared in .env.",
      files: {
        "compose.yaml":
          'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
        ".env": "DB_PORT=7000\n",
      },
    },
  },
  check(context, report) {
    for (const b of context.bindings) {
      const kind = b.hostSource.kind;
      if (kind !== "literal" && kind !== "mixed") continue;
      if (!b.resolved || b.hostPort === 0 || !context.requiresVariable(b.service)) continue;
      report({
        messageId: kind,
        args: { service: b.service.name, port: context.portText(b) || b.written },
        location: b.location,
        service: b.service,
        binding: b,
      });
    }
  },
};
