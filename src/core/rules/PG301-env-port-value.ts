import { isPortVariable, isValidPortValue } from "../env-ports.js";
import { defineRule } from "../rule.js";

export const envPortValue = defineRule({
  id: "PG301",
  name: "env-port-value",
  severity: "error",
  description: "A port variable in .env is not an integer 1-65535 (an empty value included).",
  messages: {
    invalid: "{{variable}} is not a port number (an integer 1-65535)",
    empty: "{{variable}} is empty: a port variable needs a number 1-65535",
  },
  docs: {
    rationale:
      "A port variable that is not a number makes compose fail (`invalid hostPort`) or, when empty, publish a random port. The value is not repeated in the message: `.env` files hold secrets, and a mistyped line may be one.",
    bad: {
      description: "Not a number.",
      files: { ".env": "NEO4J_BOLT_PORT=seven\n" },
    },
    good: {
      description: "A port.",
      files: { ".env": "NEO4J_BOLT_PORT=7014\n" },
    },
  },
  fixes: [],
  check(context, report) {
    for (const file of context.envFiles) {
      for (const entry of file.parsed.entries) {
        if (!isPortVariable(context, entry.key) || isValidPortValue(context, entry)) continue;
        report({
          messageId: entry.value === "" ? "empty" : "invalid",
          args: { variable: entry.key },
          location: {
            file: file.path,
            range: {
              start: { line: entry.line, column: entry.column },
              end: { line: entry.line, column: entry.endColumn },
            },
          },
        });
      }
    }
  },
});
