import { getOrInsert } from "../collections.js";
import { type RuleContext, variableOf } from "../context.js";
import type { EnvEntry } from "../dotenv.js";
import { isAlias, isPortVariable, isValidPortValue } from "../env-ports.js";
import type { PortBinding } from "../model.js";
import { type BindPortIntent, defineRule } from "../rule.js";

/** The bindings whose host port is a variable of an env file, by file and name. */
function usersByVariable(context: RuleContext): Map<string, PortBinding[]> {
  const users = new Map<string, PortBinding[]>();
  for (const b of context.bindings) {
    const variable = variableOf(b);
    const origin = b.variableValue?.origin;
    if (variable !== null && origin?.kind === "env-file")
      getOrInsert(users, `${origin.file}\0${variable}`, () => []).push(b);
  }
  return users;
}

/**
 * The fix of a later declaration: its bindings move to a fresh port. Bindings in a conflict are
 * left to PG107's fix, which moves the one with the weaker claim.
 */
function movesOf(context: RuleContext, users: readonly PortBinding[]): BindPortIntent[] {
  const conflicted = users.some((b) => context.conflicts(b.service.project.host).has(b));
  return conflicted ? [] : users.map((binding) => ({ kind: "bind-port", binding, needsMove: true, fresh: true }));
}

export const envPortCollision = defineRule({
  id: "PG303",
  name: "env-port-collision",
  severity: "error",
  description: "Two port variables in one .env file hold the same value.",
  messages: {
    collision: "{{variable}} holds port {{port}}, like {{others}}",
  },
  fixes: ["bind-port"],
  docs: {
    rationale:
      "Two variables with one port value mean two services will try to bind the same port, or one variable is a stale copy. A variable meant to follow another should say so: `DB_PORT=${TIMESCALEDB_PORT}` is not reported.",
    bad: {
      description: "Two caches of different profiles on one port (`fix` moves the later one to a free port).",
      files: {
        "compose.yaml":
          'services:\n  redis:\n    image: redis:7\n    profiles: [live]\n    ports:\n      - "${REDIS_PORT:-7030}:6379"\n    volumes:\n      - redis:/data\n  cache:\n    image: redis:7\n    profiles: [replay]\n    ports:\n      - "${CACHE_PORT:-7030}:6379"\n    volumes:\n      - cache:/data\nvolumes:\n  redis:\n    name: data-redis\n  cache:\n    name: data-cache\n',
        ".env": "REDIS_PORT=7030\nCACHE_PORT=7030\n",
      },
    },
    good: {
      description: "Distinct values, or an explicit alias.",
      files: { ".env": "REDIS_PORT=7030\nCACHE_PORT=${REDIS_PORT}\n" },
    },
  },
  check(context, report) {
    let users: Map<string, PortBinding[]> | null = null;
    const usersOf = (file: string, key: string): PortBinding[] => {
      users ??= usersByVariable(context);
      return users.get(`${file}\0${key}`) ?? [];
    };
    for (const file of context.envFiles) {
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
        const first = entries.reduce((a, e) => (e.line < a.line ? e : a));
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
            fix: entry === first ? [] : movesOf(context, usersOf(file.path, entry.key)),
          });
        }
      }
    }
  },
});
