import { defineRule } from "../rule.js";
import { dataMounts, keepsNoData } from "../volumes.js";

export const databaseVolume = defineRule({
  id: "PG201",
  name: "database-volume",
  severity: "error",
  description:
    "A database keeps its data in a bind mount, an anonymous volume, or no volume instead of a named volume.",
  messages: {
    bind: "{{service}} keeps its data in a bind mount ({{source}}:{{target}}): use a named volume with a fixed name",
    anonymous:
      "{{service}} keeps its data in an anonymous volume ({{target}}): it is lost when the container is recreated; use a named volume",
    tmpfs: "{{service}} keeps its data in tmpfs ({{target}}): it is lost on restart; use a named volume",
    none: "{{service}} has no volume for its data{{dataDir}}: recreating the container (for a port change) loses it; mount a named volume",
  },
  docs: {
    rationale:
      "Moving a database to its allocated port recreates the container. Data in the container or an anonymous volume is gone then; a bind mount ties the data to one checkout's path and permissions. A named volume with a fixed `name:` survives recreation and renames.",
    bad: {
      description: "An anonymous volume on the data directory.",
      files: {
        "compose.yaml":
          'services:\n  db:\n    image: postgres:16\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - /var/lib/postgresql/data\n',
      },
    },
    good: {
      description: "A named volume with a fixed name.",
      files: {
        "compose.yaml":
          'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
      },
    },
    exceptions:
      "A database that keeps no data on purpose (a Redis used as a cache, a throw-away database for tests): say so with the label `portguard.data: none` on the service (`labels: { portguard.data: none }`); PG201 then leaves it alone, and stays an error for every other database.",
  },
  fixes: [],
  check(context, report) {
    for (const service of context.services) {
      if (service.category !== "database" || keepsNoData(service)) continue;
      const known = context.image(service);
      if (known && known.dataDirs.length === 0) continue;
      const { named, unsafe } = dataMounts(service, known);
      if (named.length > 0) continue;
      if (unsafe) {
        report({
          messageId: unsafe.kind,
          args: { service: service.name, source: unsafe.source, target: unsafe.target },
          location: unsafe.location,
          service,
        });
      } else {
        report({
          messageId: "none",
          args: { service: service.name, dataDir: known ? ` (${known.dataDirs[0]})` : "" },
          location: service.location,
          service,
        });
      }
    }
  },
});
