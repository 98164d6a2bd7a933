import type { Rule } from "../rule.js";

export const containerPortChanged: Rule = {
  id: "PG108",
  name: "container-port-changed",
  severity: "warning",
  description:
    "The target (container) port of a known image is not one it listens on (postgres 5432, redis 6379, ...).",
  messages: {
    changed:
      "{{service}} maps container port {{target}}, but {{image}} listens on {{standard}}: the container side stays the image's standard port",
  },
  docs: {
    rationale:
      "Only the host side of a mapping moves; the container side is the port the image listens on. A changed target (`7000:5433` for PostgreSQL) reaches nothing unless the server was reconfigured, and hides which service it is.",
    bad: {
      description: "PostgreSQL does not listen on 5433.",
      files: {
        "compose.yaml":
          'services:\n  db:\n    image: postgres:16\n    ports:\n      - "${DB_PORT:-7000}:5433"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
      },
    },
    good: {
      description: "The standard container port.",
      files: {
        "compose.yaml":
          'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
      },
    },
    exceptions: "A server configured to listen elsewhere (`command: -p 5433`): suppress the line with a reason.",
  },
  check(context, report) {
    for (const b of context.bindings) {
      if (!b.resolved || b.containerPort !== b.containerPortEnd) continue;
      const known = context.image(b.service);
      if (!known || known.ports.some((p) => p.port === b.containerPort)) continue;
      report({
        messageId: "changed",
        args: {
          service: b.service.name,
          target: b.containerPort,
          image: b.service.imageName?.path ?? "the image",
          standard: known.ports.map((p) => p.port).join(", "),
        },
        location: b.location,
        service: b.service,
        binding: b,
      });
    }
  },
};
