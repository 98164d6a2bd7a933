import { describeRanges } from "../context.js";
import { defineRule } from "../rule.js";

export const protectedRange = defineRule({
  id: "PG101",
  name: "protected-range",
  severity: "error",
  description: "A service publishes a host port inside a range reserved for other categories (an app in 7000-7999).",
  messages: {
    protected:
      "{{service}} ({{category}}) publishes host port {{port}}{{source}} inside range {{range}}, which is reserved for {{owners}}",
    reserved:
      "{{service}} ({{category}}) publishes host port {{port}}{{source}} inside range {{range}}, where no service may publish",
  },
  fixes: ["bind-port"],
  docs: {
    rationale:
      "Ranges give every kind of service its own part of the host's ports, so a port number says what owns it and stacks never collide. A service publishing inside a range that is not for its category takes a port another service is promised. The suggestion is the first free port of a range that is for its category.",
    bad: {
      description: "An admin UI published in the database range (`fix` moves it into the UI range).",
      files: {
        "compose.yaml":
          'services:\n  adminer:\n    image: adminer:4\n    ports:\n      - "${ADMINER_PORT:-7050}:8080"\n',
      },
    },
    good: {
      description: "The UI in its own range.",
      files: {
        "compose.yaml":
          'services:\n  adminer:\n    image: adminer:4\n    ports:\n      - "${ADMINER_PORT:-7100}:8080"\n',
      },
    },
    exceptions: "An `allow` entry in the policy exempts one service and port, with a reason.",
  },
  check(context, report) {
    for (const b of context.bindings) {
      if (!context.isActive(b) || b.hostPort === null || context.allowEntry(b)) continue;
      const offending = context.protectedRangeOf(b);
      if (!offending) continue;
      report({
        messageId: offending.for.length > 0 ? "protected" : "reserved",
        args: {
          service: b.service.name,
          category: b.service.category,
          port: context.portText(b),
          source: context.valueSource(b),
          range: describeRanges([offending]),
          owners: offending.for.join(", "),
        },
        location: b.location,
        service: b.service,
        binding: b,
        fix: [{ kind: "bind-port", binding: b, needsMove: true }],
      });
    }
  },
});
