import { defineRule } from "../rule.js";

export const unpinnedPort = defineRule({
  id: "PG113",
  name: "unpinned-port",
  severity: "warning",
  description:
    "A governed service publishes a container port on a random host port (no host port, host port 0, or a variable that resolves to empty), or runs with `network_mode: host`.",
  messages: {
    random: "{{service}} publishes container port {{target}} on a random host port: pin it to a port of its range",
    zero: "{{service}} publishes container port {{target}} on host port 0 (random): pin it to a port of its range",
    hostNetwork:
      "{{service}} runs with network_mode: host, so its ports cannot be governed: publish them through ports: instead",
  },
  fixes: [],
  docs: {
    rationale:
      "A random host port changes on every restart: clients cannot be configured, and nothing in the plan says which port the service holds. Host networking binds the container's own ports on the host, outside any plan.",
    bad: {
      description: "Container port only.",
      files: {
        "compose.yaml":
          'services:\n  cassandra:\n    image: cassandra:5\n    ports:\n      - "9042"\n    volumes:\n      - c-data:/var/lib/cassandra\nvolumes:\n  c-data:\n    name: data-cassandra\n',
      },
    },
    good: {
      description: "Pinned in the database range.",
      files: {
        "compose.yaml":
          'services:\n  cassandra:\n    image: cassandra:5\n    healthcheck:\n      test: ["CMD", "cqlsh", "-e", "describe keyspaces"]\n    restart: unless-stopped\n    ports:\n      - "${CASSANDRA_PORT:-7000}:9042"\n    volumes:\n      - c-data:/var/lib/cassandra\nvolumes:\n  c-data:\n    name: data-cassandra\n',
      },
    },
  },
  check(context, report) {
    for (const service of context.services) {
      if (!context.isGoverned(service)) continue;
      if (context.isHostNetwork(service) && service.networkMode) {
        report({
          messageId: "hostNetwork",
          args: { service: service.name },
          location: service.networkMode.location,
          service,
        });
        continue;
      }
      for (const b of service.ports) {
        if (!context.isActive(b) || (b.hostPort !== null && b.hostPort !== 0)) continue;
        const target =
          b.containerPortEnd !== b.containerPort ? `${b.containerPort}-${b.containerPortEnd}` : `${b.containerPort}`;
        report({
          messageId: b.hostPort === 0 ? "zero" : "random",
          args: { service: service.name, target },
          location: b.location,
          service,
          binding: b,
        });
      }
    }
  },
});
