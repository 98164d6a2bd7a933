import { hasDefault } from "../interpolation.js";
import type { Rule } from "../rule.js";

export const undefinedVariable: Rule = {
  id: "PG105",
  name: "undefined-variable",
  severity: "error",
  description: "A port variable is defined neither in .env (or its example stand-in) nor with a default.",
  messages: {
    undefined:
      "{{variable}} (host port of {{service}}) is not defined in {{envFiles}} and has no default: docker would publish a random port",
  },
  fixable: true,
  docs: {
    rationale:
      "An undefined variable with no default expands to an empty string: the container port is published on a random host port. Declare the variable in the central `.env` (and `.env.example`) or give it a default. (A `${VAR:?}` that is not set makes compose refuse the file: that is PG001.)",
    bad: {
      description: "REDIS_PORT is defined nowhere.",
      files: {
        "compose.yaml":
          'services:\n  cache:\n    image: redis:7\n    ports:\n      - "${REDIS_PORT}:6379"\n    volumes:\n      - redis:/data\nvolumes:\n  redis:\n    name: data-redis\n',
      },
    },
    good: {
      description: "Declared in .env.",
      files: {
        "compose.yaml":
          'services:\n  cache:\n    image: redis:7\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n    restart: unless-stopped\n    ports:\n      - "${REDIS_PORT:-7030}:6379"\n    volumes:\n      - redis:/data\nvolumes:\n  redis:\n    name: data-redis\n',
        ".env": "REDIS_PORT=7030\n",
      },
    },
  },
  check(context, report) {
    for (const b of context.bindings) {
      if (b.hostSource.kind !== "variable") continue;
      const ref = b.hostSource.reference;
      if (hasDefault(ref)) continue;
      const env = b.environment;
      const value = env.get(ref.name);
      // A missing `${VAR:?}` is PG001: compose refuses the file.
      if (b.missingRequired !== null) continue;
      const missing = value === undefined || (ref.operator === ":+" && value.value === "");
      if (!missing) continue;
      const files = env.files.map((f) => f.path);
      report({
        messageId: "undefined",
        args: {
          variable: ref.name,
          service: b.service.name,
          envFiles: files.length > 0 ? files.join(", ") : "any .env file (none exists)",
        },
        location: b.location,
        service: b.service,
        binding: b,
      });
    }
  },
};
