import { getOrInsert } from "../collections.js";
import type { PortBinding, ServiceModel } from "../model.js";
import type { Rule } from "../rule.js";

export const sequentialInstances: Rule = {
  id: "PG110",
  name: "sequential-instances",
  severity: "info",
  description:
    "Services of one image publishing in one range form a family: the lowest port is the base and each further member should sit on the next free port after the previous one.",
  messages: {
    gap: "{{service}} is another {{image}} in {{range}}: the next free port after {{previous}} ({{previousService}}) is {{expected}}, it uses {{port}}",
  },
  docs: {
    rationale:
      "A second instance of a database (a backup, a replica) on the next port keeps the plan readable: 7000 primary, 7001 backup. Gaps and scattered instances make the next allocation a guess.",
    bad: {
      description: "The replica skips ahead.",
      files: {
        "compose.yaml":
          'services:\n  pg:\n    image: postgres:16\n    ports:\n      - "${PG_PORT:-7000}:5432"\n    volumes:\n      - pg:/var/lib/postgresql/data\n  pg-replica:\n    image: postgres:16\n    ports:\n      - "${PG_REPLICA_PORT:-7005}:5432"\n    volumes:\n      - pgr:/var/lib/postgresql/data\nvolumes:\n  pg:\n    name: data-pg\n  pgr:\n    name: data-pg-replica\n',
      },
    },
    good: {
      description: "The replica takes the next port.",
      files: {
        "compose.yaml":
          'services:\n  pg:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${PG_PORT:-7000}:5432"\n    volumes:\n      - pg:/var/lib/postgresql/data\n  pg-replica:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${PG_REPLICA_PORT:-7001}:5432"\n    volumes:\n      - pgr:/var/lib/postgresql/data\nvolumes:\n  pg:\n    name: data-pg\n  pgr:\n    name: data-pg-replica\n',
      },
    },
  },
  check(context, report) {
    for (const [host, bindings] of context.activeByHost) {
      const families = new Map<string, Map<ServiceModel, PortBinding>>();
      for (const b of bindings) {
        const image = b.service.imageName?.path;
        if (!image || b.hostPort === null || !context.inOwnRange(b)) continue;
        const range = context.rangeOf(b.hostPort);
        if (!range) continue;
        const key = `${image}\0${range.name}`;
        const members = getOrInsert(families, key, () => new Map<ServiceModel, PortBinding>());
        const current = members.get(b.service);
        if (!current || (b.hostPort as number) < (current.hostPort as number)) members.set(b.service, b);
      }
      for (const [key, members] of families) {
        if (members.size < 2) continue;
        const range = context.policy.ranges.find((r) => r.name === key.split("\0")[1]);
        if (!range) continue;
        const positions = [...members.values()].sort(
          (a, b) => (a.hostPort as number) - (b.hostPort as number) || a.id - b.id,
        );
        const own = new Set(positions.map((b) => b.hostPort as number));
        const taken = context.takenPorts(host);
        let previous = positions[0] as PortBinding;
        for (const member of positions.slice(1)) {
          const prev = previous.hostPort as number;
          let expected = prev + 1;
          while (expected <= range.end && taken.has(expected) && !own.has(expected)) expected++;
          if (expected <= range.end && member.hostPort !== expected) {
            report({
              messageId: "gap",
              args: {
                service: member.service.name,
                image: member.service.imageName?.path ?? "",
                range: `${range.name} ${range.start}-${range.end}`,
                previous: prev,
                previousService: previous.service.name,
                expected,
                port: member.hostPort as number,
              },
              location: member.location,
              service: member.service,
              binding: member,
              suggestion: { nextAfter: prev, binding: member },
            });
          }
          previous = member;
        }
      }
    }
  },
};
