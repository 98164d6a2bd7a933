import { getOrInsert } from "../collections.js";
import type { EnvEntry } from "../dotenv.js";
import { isAlias, isPortVariable, isValidPortValue } from "../env-ports.js";
import type { Rule } from "../rule.js";

export const envPortCollision: Rule = {
  id: "PG303",
  name: "env-port-collision",
  severity: "error",
  description: "Two port variables in one .env file hold the same value.",
  messages: {
    collision: "{{variable}} holds port {{port}}, like {{others}}",
  },
  fixable: true,
  docs: {
    rationale:
      "Two variables with one port value mean two services will try to bind the same port, or one variable is a stale copy. A variable meant to follow another should say so: `DB_PORT=${TIMESCALEDB_PORT}` is not reported.",
    bad: { description: "Same value.", files: { ".env": "REDIS_PORT=7030\nCACHE_PORT=7030\n" } },
    good: {
      description: "Distinct values, or an explicit alias.",
      files: { ".env": "REDIS_PORT=7030\nCACHE_PORT=${REDIS_PORT}\n" },
    },
  },
  check(context, report) {
    for (const file of context.assembly.envFiles) {
      const last = new Map<string, EnvEntry>();
      for (const entry of file.parsed.entries) last.set(entry.key, entry);
      const byValue = new Map<string, EnvEntry[]>();
      for (const entry of last.values()) {
        if (!isPortVariable(context, entry.key) || isAlias(entry) || !isValidPortValue(context, entry)) continue;
        const value = String(Number(entry.value.split("-")[0]));
        getOrInsert(byValue, value, () => []).push(entry);
      }
      for (const [port, entries] of byValue) {
        if (entries.length < 2) continue;
        for (const entry of entries) {
          const others = entries.filter((e) => e !== entry);
          report({
            messageId: "collision",
            args: { variable: entry.key, port, others: others.map((o) => `${o.key} (line ${o.line})`).join(", ") },
            location: {
              file: file.path,
              range: {
                start: { line: entry.line, column: entry.column },
                end: { line: entry.line, column: entry.endColumn },
              },
            },
            related: others.map((o) => ({ file: file.path, line: o.line })),
          });
        }
      }
    }
  },
};
