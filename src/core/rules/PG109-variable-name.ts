import type { Rule } from "../rule.js";

export const variableName: Rule = {
  id: "PG109",
  name: "variable-name",
  severity: "warning",
  description: "The port variable does not match `variables.pattern` (default `^[A-Z][A-Z0-9_]*_PORT$`).",
  messages: {
    name: "{{variable}} (host port of {{service}}) does not match the variable pattern {{pattern}}",
  },
  docs: {
    rationale:
      "A uniform name (`<SERVICE>_PORT`) tells readers and tools which variables are ports: portguard checks their values in `.env`, applications find them without guessing.",
    bad: {
      description: "Not named *_PORT.",
      files: {
        "compose.yaml":
          'services:\n  db:\n    image: postgres:16\n    ports:\n      - "${PG_REPLICA:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
      },
    },
    good: {
      description: "Named after the service.",
      files: {
        "compose.yaml":
          'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
      },
    },
  },
  check(context, report) {
    for (const b of context.bindings) {
      if (b.hostSource.kind !== "variable") continue;
      const name = b.hostSource.reference.name;
      if (context.matchesVariablePattern(name)) continue;
      report({
        messageId: "name",
        args: { variable: name, service: b.service.name, pattern: context.policy.variables.pattern },
        location: b.location,
        service: b.service,
        binding: b,
      });
    }
  },
};
