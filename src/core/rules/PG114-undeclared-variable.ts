import { hasDefault } from "../interpolation.js";
import type { Rule } from "../rule.js";

export const undeclaredVariable: Rule = {
  id: "PG114",
  name: "undeclared-variable",
  severity: "warning",
  description:
    "A port variable has a default in compose but is missing from the central .env (or its stand-in) while such a file exists.",
  messages: {
    undeclared: "{{variable}} (host port of {{service}}) has a default but is not declared in {{envFile}}",
  },
  fixable: true,
  docs: {
    rationale:
      "The central `.env` is the one place where every port allocation can be read and changed, and where applications read their ports from. A variable that only lives as a compose default is invisible there.",
    bad: {
      description: "REDIS_PORT is missing from .env.",
      files: {
        ".env": "DB_PORT=7000\n",
        "compose.yaml":
          'services:\n  cache:\n    image: redis:7\n    ports:\n      - "${REDIS_PORT:-7030}:6379"\n    volumes:\n      - redis:/data\nvolumes:\n  redis:\n    name: data-redis\n',
      },
    },
    good: {
      description: "Declared.",
      files: {
        ".env": "DB_PORT=7000\nREDIS_PORT=7030\n",
        "compose.yaml":
          'services:\n  cache:\n    image: redis:7\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n    restart: unless-stopped\n    ports:\n      - "${REDIS_PORT:-7030}:6379"\n    volumes:\n      - redis:/data\nvolumes:\n  redis:\n    name: data-redis\n',
      },
    },
  },
  check(context, report) {
    for (const b of context.bindings) {
      if (b.hostSource.kind !== "variable") continue;
      const ref = b.hostSource.reference;
      if (!hasDefault(ref)) continue;
      const env = b.environment;
      if (env.files.length === 0) continue;
      if (env.get(ref.name)?.origin.kind === "env-file") continue;
      report({
        messageId: "undeclared",
        args: { variable: ref.name, service: b.service.name, envFile: env.files.map((f) => f.path).join(", ") },
        location: b.location,
        service: b.service,
        binding: b,
      });
    }
  },
};
