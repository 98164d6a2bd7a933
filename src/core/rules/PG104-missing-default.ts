import { hasDefault } from "../interpolation.js";
import type { Rule } from "../rule.js";

export const missingDefault: Rule = {
  id: "PG104",
  name: "missing-default",
  severity: "warning",
  description: "A port variable is referenced with no default of any kind (`${VAR}`, `$VAR`, `${VAR:?msg}`).",
  messages: {
    noDefault: "{{service}} reads its host port from {{written}} with no default; write {{fixed}}",
  },
  fixable: true,
  docs: {
    rationale:
      "Without a default the mapping depends entirely on the environment: where `.env` is missing (CI, a fresh clone) the port is empty and docker publishes a random one, or compose refuses to start. A default keeps the allocation readable in the compose file itself.",
    bad: {
      description: "No default.",
      files: {
        "compose.yaml":
          'services:\n  cache:\n    image: redis:7\n    ports:\n      - "${REDIS_PORT}:6379"\n    volumes:\n      - redis:/data\nvolumes:\n  redis:\n    name: data-redis\n',
        ".env": "REDIS_PORT=7030\n",
      },
    },
    good: {
      description: "A default matching .env.",
      files: {
        "compose.yaml":
          'services:\n  cache:\n    image: redis:7\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n    restart: unless-stopped\n    ports:\n      - "${REDIS_PORT:-7030}:6379"\n    volumes:\n      - redis:/data\nvolumes:\n  redis:\n    name: data-redis\n',
        ".env": "REDIS_PORT=7030\n",
      },
    },
  },
  check(context, report) {
    for (const b of context.bindings) {
      if (b.hostSource.kind !== "variable" || !context.requiresVariable(b.service)) continue;
      const ref = b.hostSource.reference;
      if (hasDefault(ref)) continue;
      const written = ref.braced ? `\${${ref.name}${ref.operator}${ref.argument ?? ""}}` : `$${ref.name}`;
      report({
        messageId: "noDefault",
        args: { service: b.service.name, written, fixed: `\${${ref.name}:-${b.hostPort ?? "PORT"}}` },
        location: b.location,
        service: b.service,
        binding: b,
      });
    }
  },
};
