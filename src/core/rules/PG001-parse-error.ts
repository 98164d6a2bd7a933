import type { Rule } from "../rule.js";

const WHOLE_FILE = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

export const parseError: Rule = {
  id: "PG001",
  name: "parse-error",
  severity: "error",
  description:
    "A compose or .env file cannot be read or parsed, or holds an interpolation or port syntax error that docker compose would refuse.",
  messages: {
    problem: "{{problem}}",
  },
  docs: {
    rationale:
      "docker compose refuses to start a project whose files it cannot read: malformed YAML, an unterminated `${`, a port out of 0-65535. portguard reports the exact place and checks everything else. A file that is not well-formed YAML gets exactly one PG001, at the parser's first error, and nothing else.",
    bad: {
      description: "An unterminated interpolation and a port out of range.",
      files: {
        "compose.yaml":
          'services:\n  cache:\n    image: redis:7\n    ports:\n      - "${REDIS_PORT:-7030:6379"\n      - "70000:6379"\n',
      },
    },
    good: {
      description: "Closed braces, ports within 1-65535.",
      files: {
        "compose.yaml":
          'services:\n  cache:\n    image: redis:7\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n    restart: unless-stopped\n    ports:\n      - "${REDIS_PORT:-7030}:6379"\n    volumes:\n      - redis:/data\nvolumes:\n  redis:\n    name: data-redis\n',
        ".env": "REDIS_PORT=7030\n",
      },
    },
  },
  check(context, report) {
    for (const p of context.assembly.problems) {
      report({
        messageId: "problem",
        args: { problem: p.message },
        location: { file: p.file, range: p.range ?? WHOLE_FILE },
      });
    }
  },
};
