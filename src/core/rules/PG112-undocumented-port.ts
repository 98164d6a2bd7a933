import type { Rule } from "../rule.js";

const START = "<!-- portguard:start -->";
const END = "<!-- portguard:end -->";

/** The part of the docs that counts: inside the portguard markers when they exist. */
export function documentedText(text: string): string {
  const start = text.indexOf(START);
  const end = text.indexOf(END, start + START.length);
  return start >= 0 && end > start ? text.slice(start + START.length, end) : text;
}

export const undocumentedPort: Rule = {
  id: "PG112",
  name: "undocumented-port",
  severity: "warning",
  description:
    "A governed binding's host port is missing from the docs file (only when `docs` is set and the file exists; inside the portguard markers when they exist).",
  messages: {
    missing: "host port {{port}} of {{service}} is not listed in {{docs}}",
  },
  fixable: true,
  docs: {
    rationale:
      "The port table (PORTS-CONVENTION.md) is where people look before picking a port. An allocation missing from it is invisible to the next person. `portguard docs` writes the table.",
    bad: {
      description: "7001 is not in the table.",
      files: {
        "PORTS-CONVENTION.md": "| port | service |\n| --- | --- |\n| 7000 | db |\n",
        "compose.yaml":
          'services:\n  db:\n    image: postgres:16\n    ports:\n      - "${DB_PORT:-7001}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
      },
    },
    good: {
      description: "Listed.",
      files: {
        "PORTS-CONVENTION.md": "| port | service |\n| --- | --- |\n| 7001 | db |\n",
        "compose.yaml":
          'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${DB_PORT:-7001}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
      },
    },
  },
  check(context, report) {
    if (context.docsText === null || context.policy.docs === null) return;
    const text = documentedText(context.docsText);
    const words = new Set(text.match(/\d+/g) ?? []);
    for (const b of context.bindings) {
      if (!context.isActive(b) || b.hostPort === null || b.hostPort === 0 || !context.isGoverned(b.service)) continue;
      const end = b.hostPortEnd ?? b.hostPort;
      let documented = true;
      for (let p = b.hostPort; p <= end && documented; p++) documented = words.has(String(p));
      if (documented || text.includes(`${b.hostPort}-${end}`)) continue;
      report({
        messageId: "missing",
        args: { port: context.portText(b), service: b.service.name, docs: context.policy.docs },
        location: b.location,
        service: b.service,
        binding: b,
      });
    }
  },
};
