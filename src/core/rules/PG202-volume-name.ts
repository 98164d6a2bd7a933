import type { Rule } from "../rule.js";
import { dataMounts } from "../volumes.js";

export const volumeName: Rule = {
  id: "PG202",
  name: "volume-name",
  severity: "warning",
  description:
    "A database's named volume has no explicit `name:` (its real name would depend on the project directory).",
  messages: {
    unnamed:
      "volume {{volume}} holds the data of {{service}} but has no name: compose calls it {{actual}}; set name: to fix it",
  },
  fixable: true,
  docs: {
    rationale:
      "Without `name:` compose prefixes the volume with the project name (the folder name by default): moving or renaming the checkout, or running with `-p`, silently starts an empty database. A fixed name keeps the data where it is.",
    bad: {
      description: "The real name depends on the folder.",
      files: {
        "compose.yaml":
          'services:\n  db:\n    image: postgres:16\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n',
      },
    },
    good: {
      description: "A fixed name.",
      files: {
        "compose.yaml":
          'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
      },
    },
  },
  check(context, report) {
    const reported = new Set<string>();
    for (const service of context.services) {
      if (service.category !== "database") continue;
      const known = context.image(service);
      if (known && known.dataDirs.length === 0) continue;
      for (const mount of dataMounts(service, known).named) {
        const volume = service.project.volumes.get(mount.source);
        if (!volume || volume.hasName || volume.external) continue;
        const key = `${volume.location.file}:${volume.location.range.start.line}:${volume.name}`;
        if (reported.has(key)) continue;
        reported.add(key);
        report({
          messageId: "unnamed",
          args: { volume: volume.name, service: service.name, actual: `${service.project.name}_${volume.name}` },
          location: volume.location,
          service,
        });
      }
    }
  },
};
