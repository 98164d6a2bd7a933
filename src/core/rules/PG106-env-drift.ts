import { parsePortRange } from "../port-spec.js";
import type { Rule } from "../rule.js";

export const envDrift: Rule = {
  id: "PG106",
  name: "env-drift",
  severity: "warning",
  description:
    "The .env value of a port variable differs from its compose default (reported once per variable, at its key in .env).",
  messages: {
    drift:
      "{{variable}} is {{value}} here but its compose default is {{default}} ({{where}}): the port really used is {{value}}",
  },
  fixable: true,
  docs: {
    rationale:
      "When `.env` and the compose default disagree, the file people read says one port and the machine binds another; CI (without `.env`) and laptops publish different ports. Keep them equal, or change both.",
    bad: {
      description: ".env moves the database back to 5432.",
      files: {
        "compose.yaml":
          'services:\n  db:\n    image: postgres:16\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
        ".env": "DB_PORT=7001\n",
      },
    },
    good: {
      description: "The same value in both places.",
      files: {
        "compose.yaml":
          'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
        ".env": "DB_PORT=7000\n",
      },
    },
  },
  check(context, report) {
    const seen = new Set<string>();
    for (const b of context.bindings) {
      if (b.hostSource.kind !== "variable" || b.invalidVariable !== null) continue;
      const ref = b.hostSource.reference;
      const origin = b.variableValue?.origin;
      if (ref.source !== "variable" || origin?.kind !== "env-file" || b.defaultValue === null) continue;
      const value = parsePortRange(b.variableValue?.value ?? "");
      const fallback = parsePortRange(b.defaultValue);
      if (!value || !fallback || (value[0] === fallback[0] && value[1] === fallback[1])) continue;
      const key = `${origin.file}\0${ref.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      report({
        messageId: "drift",
        args: {
          variable: ref.name,
          value: b.variableValue?.value ?? "",
          default: b.defaultValue,
          where: `${b.location.file}:${b.location.range.start.line}`,
        },
        location: {
          file: origin.file,
          range: {
            start: { line: origin.line, column: origin.column },
            end: { line: origin.line, column: origin.endColumn },
          },
        },
        service: b.service,
        binding: b,
      });
    }
  },
};
