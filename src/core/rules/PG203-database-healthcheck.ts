import { defineRule } from "../rule.js";

export const databaseHealthcheck = defineRule({
  id: "PG203",
  name: "database-healthcheck",
  severity: "info",
  description: "A database has no `healthcheck` or no `restart` policy (reported at the service key).",
  messages: {
    healthcheck:
      "{{service}} has no healthcheck: dependants cannot wait for it (depends_on: condition: service_healthy)",
    restart: "{{service}} has no restart policy: it stays down after a crash or a reboot",
    both: "{{service}} has no healthcheck and no restart policy",
  },
  docs: {
    rationale:
      "Databases are what everything else waits for. A healthcheck lets dependants start when the database is ready; a restart policy brings it back after a crash or a host reboot.",
    bad: {
      description: "Neither.",
      files: {
        "compose.yaml":
          'services:\n  db:\n    image: postgres:16\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
      },
    },
    good: {
      description: "Both.",
      files: {
        "compose.yaml":
          'services:\n  db:\n    image: postgres:16\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\nvolumes:\n  db:\n    name: data-db\n',
      },
    },
  },
  fixes: [],
  check(context, report) {
    for (const service of context.services) {
      if (service.category !== "database") continue;
      const restart =
        service.deployRestart || (service.restart !== null && service.restart !== "no" && service.restart !== "");
      const health = service.hasHealthcheck;
      if (restart && health) continue;
      report({
        messageId: !restart && !health ? "both" : health ? "restart" : "healthcheck",
        args: { service: service.name },
        location: service.location,
        service,
      });
    }
  },
});
