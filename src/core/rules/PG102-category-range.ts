import { describeRanges } from "../context.js";
import type { Rule } from "../rule.js";

export const categoryRange: Rule = {
  id: "PG102",
  name: "category-range",
  severity: "error",
  description: "A service of a category that owns ranges publishes outside them (a database on 5432).",
  messages: {
    outside: "{{service}} ({{category}}) publishes host port {{port}}{{source}} outside its range: {{ranges}}",
  },
  fixable: true,
  docs: {
    rationale:
      "A database on 5432, an admin UI on 5050: standard ports collide with the next stack, a system service, or a second instance. The convention gives each category its range; the suggestion is the first free port there.",
    bad: {
      description: "PostgreSQL on its standard port.",
      files: {
        "compose.yaml":
          'services:\n  db:\n    image: postgres:16\n    ports:\n      - "${DB_PORT:-5432}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
      },
    },
    good: {
      description: "PostgreSQL in the database range.",
      files: {
        "compose.yaml":
          'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
      },
    },
    exceptions: "An `allow` entry exempts a service that must keep a standard port, with a reason.",
  },
  check(context, report) {
    for (const b of context.bindings) {
      if (!context.isActive(b) || b.hostPort === null || b.hostPort === 0) continue;
      if (!context.isGoverned(b.service) || context.allowEntry(b)) continue;
      if (context.protectedRangeOf(b) || context.inOwnRange(b)) continue;
      report({
        messageId: "outside",
        args: {
          service: b.service.name,
          category: b.service.category,
          port: context.portText(b),
          source: context.valueSource(b),
          ranges: describeRanges(context.rangesFor(b.service.category)),
        },
        location: b.location,
        service: b.service,
        binding: b,
      });
    }
  },
};
