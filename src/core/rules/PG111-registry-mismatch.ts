import { variableOf } from "../context.js";
import { defineRule } from "../rule.js";

export const registryMismatch = defineRule({
  id: "PG111",
  name: "registry-mismatch",
  severity: "error",
  description: "A service in the registry publishes another port or variable than allocated.",
  messages: {
    port: "{{service}} is allocated host port {{allocated}} in the registry but publishes {{port}}",
    variable: "{{service}} is allocated variable {{allocatedVariable}} in the registry but uses {{variable}}",
    both: "{{service}} is allocated {{allocatedVariable}}={{allocated}} in the registry but publishes {{port}} through {{variable}}",
    unpublished: "{{service}} is allocated host port {{allocated}} in the registry but publishes no port",
  },
  fixes: ["bind-port"],
  docs: {
    rationale:
      "The registry (`services:` in the policy) is the team's allocation table: one port and one variable per service. Compose files must follow it, or the table and the machine disagree.",
    bad: {
      description: "The backup uses another variable and port than allocated.",
      files: {
        ".portguard.yml": "services:\n  db-backup: { category: database, port: 7001, variable: DB_BACKUP_PORT }\n",
        "compose.yaml":
          'services:\n  db-backup:\n    image: postgres:16\n    ports:\n      - "${BACKUP_PORT:-7002}:5432"\n    volumes:\n      - b-data:/var/lib/postgresql/data\nvolumes:\n  b-data:\n    name: data-db-backup\n',
      },
    },
    good: {
      description: "As allocated.",
      files: {
        ".portguard.yml": "services:\n  db-backup: { category: database, port: 7001, variable: DB_BACKUP_PORT }\n",
        "compose.yaml":
          'services:\n  db-backup:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${DB_BACKUP_PORT:-7001}:5432"\n    volumes:\n      - b-data:/var/lib/postgresql/data\nvolumes:\n  b-data:\n    name: data-db-backup\n',
      },
    },
  },
  check(context, report) {
    for (const service of context.services) {
      const entry = context.registryEntry(service);
      if (!entry || (entry.port === undefined && entry.variable === undefined)) continue;
      const suggestion = { port: entry.port, variable: entry.variable };
      const b = context.registryBinding(service);
      if (!b) {
        if (entry.port === undefined) continue;
        report({
          messageId: "unpublished",
          args: { service: service.name, allocated: entry.port },
          location: service.location,
          service,
          suggestion,
        });
        continue;
      }
      const variable = variableOf(b);
      const portKnown = context.isActive(b) || b.hostPort !== null;
      const portWrong =
        entry.port !== undefined && portKnown && b.invalidVariable === null && b.hostPort !== entry.port;
      const variableWrong = entry.variable !== undefined && variable !== entry.variable;
      if (!portWrong && !variableWrong) continue;
      report({
        messageId: portWrong && variableWrong ? "both" : portWrong ? "port" : "variable",
        args: {
          service: service.name,
          allocated: entry.port ?? "",
          allocatedVariable: entry.variable ?? "",
          port: context.portText(b) || "no host port",
          variable: variable ?? "a literal",
        },
        location: b.location,
        service,
        binding: b,
        suggestion,
        fix: [{ kind: "bind-port", binding: b, needsMove: portWrong }],
      });
    }
  },
});
