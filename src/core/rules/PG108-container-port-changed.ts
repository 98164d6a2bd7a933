import { getOrInsert } from "../collections.js";
import type { StackModel } from "../context.js";
import type { ServiceModel } from "../model.js";
import { defineRule } from "../rule.js";

/** A flag or variable that names where a server listens: `--address`, `--port`, `HTTP_PORT`, `LISTEN_ADDR`... */
const LISTEN_NAME = /(port|address|addr|listen|bind)/i;
/** The port in a listen value: `:3200`, `0.0.0.0:3200`, `3200`. */
const PORT_IN_VALUE = /(?:^|:)(\d{1,5})$/;

function portsIn(value: string): number[] {
  const m = PORT_IN_VALUE.exec(value.trim().replace(/^["']|["']$/g, ""));
  return m ? [Number(m[1])] : [];
}

/**
 * The ports the service's own `command` and `environment` say it listens on
 * (MinIO's `--address ":3200"`, `-p 5433`, `PORT=8081`): a target port named there is intended.
 */
function declaredListenPorts(model: StackModel, service: ServiceModel): Set<number> {
  const ports = new Set<number>();
  for (const data of model.definitionsOf(service)) {
    const words = Array.isArray(data.command)
      ? data.command.map(String)
      : typeof data.command === "string"
        ? data.command.split(/\s+/)
        : [];
    words.forEach((word, i) => {
      const flag = /^--?([A-Za-z][\w-]*)(?:=(.*))?$/.exec(word);
      if (!flag || !(LISTEN_NAME.test(flag[1] as string) || flag[1] === "p")) return;
      for (const p of portsIn(flag[2] ?? words[i + 1] ?? "")) ports.add(p);
    });
    const env = data.environment;
    const entries: [string, string][] = Array.isArray(env)
      ? env.map((e) => String(e).split(/=(.*)/s).slice(0, 2) as [string, string])
      : typeof env === "object" && env !== null
        ? Object.entries(env).map(([k, v]) => [k, String(v ?? "")])
        : [];
    for (const [key, value] of entries) if (LISTEN_NAME.test(key)) for (const p of portsIn(value ?? "")) ports.add(p);
  }
  return ports;
}

export const containerPortChanged = defineRule({
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
    exceptions:
      'A server configured to listen elsewhere is recognised when its `command` or `environment` names the port (`command: server --address ":3200"`, `-p 5433`, `HTTP_PORT: 8081`); otherwise suppress the line with a reason.',
  },
  fixes: [],
  check(context, report) {
    // A service's definitions are read once, however many of its ports are looked at.
    const listening = new Map<ServiceModel, Set<number>>();
    for (const b of context.bindings) {
      if (!b.resolved || b.containerPort !== b.containerPortEnd) continue;
      const known = context.image(b.service);
      if (!known || known.ports.some((p) => p.port === b.containerPort)) continue;
      const declared = getOrInsert(listening, b.service, () => declaredListenPorts(context, b.service));
      if (declared.has(b.containerPort)) continue;
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
});
