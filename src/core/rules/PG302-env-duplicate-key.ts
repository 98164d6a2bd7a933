import type { EnvEntry } from "../dotenv.js";
import { defineRule } from "../rule.js";

export const envDuplicateKey = defineRule({
  id: "PG302",
  name: "env-duplicate-key",
  severity: "warning",
  description: "A key is defined twice in one .env file (reported at each later definition, naming the first).",
  messages: {
    duplicate: "{{variable}} is defined again (first at line {{first}}): the last definition wins",
  },
  docs: {
    rationale:
      "compose keeps the last definition; whoever edits the first one changes nothing. Keep one definition per key.",
    bad: { description: "Twice.", files: { ".env": "REDIS_PORT=7030\nREDIS_PORT=7031\n" } },
    good: { description: "Once.", files: { ".env": "REDIS_PORT=7030\n" } },
  },
  fixes: [],
  check(context, report) {
    for (const file of context.envFiles) {
      const first = new Map<string, EnvEntry>();
      for (const entry of file.parsed.entries) {
        if (entry.key === "") continue;
        const earlier = first.get(entry.key);
        if (!earlier) {
          first.set(entry.key, entry);
          continue;
        }
        report({
          messageId: "duplicate",
          args: { variable: entry.key, first: earlier.line },
          location: {
            file: file.path,
            range: {
              start: { line: entry.line, column: entry.column },
              end: { line: entry.line, column: entry.endColumn },
            },
          },
          related: [{ file: file.path, line: earlier.line }],
        });
      }
    }
  },
});
