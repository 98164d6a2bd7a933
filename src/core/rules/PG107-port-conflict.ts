import { MAX_PARTNERS } from "../conflicts.js";
import { defineRule } from "../rule.js";

const NAMED_OTHERS = 5;
const MAX_RELATED = 20;

export const portConflict = defineRule({
  id: "PG107",
  name: "port-conflict",
  severity: "error",
  description:
    "Two bindings on one host overlap: same protocol, overlapping host ports (ranges too), overlapping host IPs; both places are reported, each naming the other.",
  messages: {
    conflict: "host port {{port}}/{{protocol}} of {{service}} is also published by {{others}}",
  },
  fixes: ["bind-port"],
  docs: {
    rationale:
      "Every compose file of the repository runs on the same host unless the policy says otherwise, so two services publishing one port cannot both start: the second fails with `port is already allocated`. An unspecified host IP overlaps every address, 0.0.0.0 every IPv4 address, :: every IPv6 address; tcp and udp never collide. Bindings that compose merges (an override restating a port) count once.",
    bad: {
      description: "Two databases on 7000.",
      files: {
        "compose.yaml":
          'services:\n  a:\n    image: postgres:16\n    ports:\n      - "${A_PORT:-7000}:5432"\n    volumes:\n      - a-data:/var/lib/postgresql/data\n  b-data:\n    image: postgres:16\n    ports:\n      - "${B_PORT:-7000}:5432"\n    volumes:\n      - b-data:/var/lib/postgresql/data\nvolumes:\n  a-data:\n    name: data-a\n  b-data:\n    name: data-b\n',
      },
    },
    good: {
      description: "The second instance takes the next port.",
      files: {
        "compose.yaml":
          'services:\n  a:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${A_PORT:-7000}:5432"\n    volumes:\n      - a-data:/var/lib/postgresql/data\n  b:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${B_PORT:-7001}:5432"\n    volumes:\n      - b-data:/var/lib/postgresql/data\nvolumes:\n  a-data:\n    name: data-a\n  b-data:\n    name: data-b\n',
      },
    },
    exceptions: "Compose files that never run on the same machine belong in separate `hosts` groups of the policy.",
  },
  check(context, report) {
    for (const host of context.activeByHost.keys()) {
      for (const [b, others] of context.conflicts(host)) {
        report({
          messageId: "conflict",
          args: {
            port: context.portText(b),
            protocol: b.protocol,
            service: b.service.name,
            // Named up to a few: a port shared by thousands must not make each message list them all.
            others:
              others
                .slice(0, NAMED_OTHERS)
                .map((o) => `${o.service.name} (${o.location.file}:${o.location.range.start.line})`)
                .join(", ") +
              (others.length > NAMED_OTHERS
                ? ` and ${others.length - NAMED_OTHERS}${others.length >= MAX_PARTNERS ? " or" : ""} more`
                : ""),
          },
          location: b.location,
          service: b.service,
          binding: b,
          fix: [{ kind: "bind-port", binding: b, needsMove: true }],
          related: others.slice(0, MAX_RELATED).map((o) => ({
            file: o.location.file,
            line: o.location.range.start.line,
            service: o.service.name,
          })),
        });
      }
    }
  },
});
