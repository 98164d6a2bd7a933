/**
 * What portguard knows about well-known images: the ports they listen on inside the container
 * (with a name for variable suggestions) and where they keep their data.
 */
import { LinearMatcher, literal, NOT_SLASH, type RegexNode } from "./linear-regex.js";

export interface KnownImage {
  /** Container ports the image listens on; the first is its main port. */
  ports: { port: number; name: string }[];
  /** Directories holding the data; empty when the image keeps nothing worth a volume. */
  dataDirs: string[];
}

const postgres: KnownImage = {
  ports: [{ port: 5432, name: "PG" }],
  dataDirs: ["/var/lib/postgresql/data", "/var/lib/postgresql"],
};
const redis: KnownImage = { ports: [{ port: 6379, name: "REDIS" }], dataDirs: ["/data"] };
const mysql: KnownImage = {
  ports: [
    { port: 3306, name: "MYSQL" },
    { port: 33060, name: "X" },
  ],
  dataDirs: ["/var/lib/mysql"],
};

/** Keyed by image name without registry host, tag or digest; `*` matches within a name segment. */
const KNOWN: [string, KnownImage][] = [
  ["postgres", postgres],
  ["postgis/postgis", postgres],
  ["timescale/timescaledb*", postgres],
  ["bitnami/postgresql", { ports: [{ port: 5432, name: "PG" }], dataDirs: ["/bitnami/postgresql"] }],
  [
    "questdb/questdb",
    {
      ports: [
        { port: 9000, name: "HTTP" },
        { port: 9009, name: "ILP" },
        { port: 8812, name: "PG" },
        { port: 9003, name: "MIN" },
      ],
      dataDirs: ["/var/lib/questdb", "/root/.questdb"],
    },
  ],
  [
    "qdrant/qdrant",
    {
      ports: [
        { port: 6333, name: "HTTP" },
        { port: 6334, name: "GRPC" },
      ],
      dataDirs: ["/qdrant/storage"],
    },
  ],
  ["redis", redis],
  ["valkey/valkey", redis],
  [
    "redis/redis-stack*",
    {
      ports: [
        { port: 6379, name: "REDIS" },
        { port: 8001, name: "UI" },
      ],
      dataDirs: ["/data"],
    },
  ],
  ["bitnami/redis", { ports: [{ port: 6379, name: "REDIS" }], dataDirs: ["/bitnami/redis/data", "/bitnami/redis"] }],
  ["mongo", { ports: [{ port: 27017, name: "MONGO" }], dataDirs: ["/data/db"] }],
  ["bitnami/mongodb", { ports: [{ port: 27017, name: "MONGO" }], dataDirs: ["/bitnami/mongodb"] }],
  ["mysql", mysql],
  ["mariadb", { ports: [{ port: 3306, name: "MYSQL" }], dataDirs: ["/var/lib/mysql"] }],
  ["bitnami/mysql", { ports: [{ port: 3306, name: "MYSQL" }], dataDirs: ["/bitnami/mysql"] }],
  ["bitnami/mariadb", { ports: [{ port: 3306, name: "MYSQL" }], dataDirs: ["/bitnami/mariadb"] }],
  [
    "neo4j",
    {
      ports: [
        { port: 7474, name: "HTTP" },
        { port: 7687, name: "BOLT" },
        { port: 7473, name: "HTTPS" },
      ],
      dataDirs: ["/data"],
    },
  ],
  ...["elasticsearch", "elastic/elasticsearch", "docker.elastic.co/elasticsearch/elasticsearch"].map(
    (name): [string, KnownImage] => [
      name,
      {
        ports: [
          { port: 9200, name: "HTTP" },
          { port: 9300, name: "TRANSPORT" },
        ],
        dataDirs: ["/usr/share/elasticsearch/data"],
      },
    ],
  ),
  [
    "opensearchproject/opensearch",
    {
      ports: [
        { port: 9200, name: "HTTP" },
        { port: 9600, name: "PERF" },
        { port: 9300, name: "TRANSPORT" },
      ],
      dataDirs: ["/usr/share/opensearch/data"],
    },
  ],
  [
    "clickhouse/clickhouse-server",
    {
      ports: [
        { port: 8123, name: "HTTP" },
        { port: 9000, name: "NATIVE" },
        { port: 9009, name: "INTERSERVER" },
        { port: 9004, name: "MYSQL" },
        { port: 9005, name: "PG" },
      ],
      dataDirs: ["/var/lib/clickhouse"],
    },
  ],
  [
    "cassandra",
    {
      ports: [
        { port: 9042, name: "CQL" },
        { port: 7000, name: "INTERNODE" },
        { port: 7001, name: "TLS" },
        { port: 7199, name: "JMX" },
        { port: 9160, name: "THRIFT" },
      ],
      dataDirs: ["/var/lib/cassandra"],
    },
  ],
  ["couchdb", { ports: [{ port: 5984, name: "HTTP" }], dataDirs: ["/opt/couchdb/data"] }],
  ["influxdb", { ports: [{ port: 8086, name: "HTTP" }], dataDirs: ["/var/lib/influxdb2", "/var/lib/influxdb"] }],
  ["memcached", { ports: [{ port: 11211, name: "MEMCACHED" }], dataDirs: [] }],
  [
    "cockroachdb/cockroach",
    {
      ports: [
        { port: 26257, name: "SQL" },
        { port: 8080, name: "HTTP" },
      ],
      dataDirs: ["/cockroach/cockroach-data"],
    },
  ],
  [
    "minio/minio",
    {
      ports: [
        { port: 9000, name: "API" },
        { port: 9001, name: "CONSOLE" },
      ],
      dataDirs: ["/data"],
    },
  ],
  ["chromadb/chroma", { ports: [{ port: 8000, name: "HTTP" }], dataDirs: ["/chroma/chroma", "/data"] }],
  [
    "semitechnologies/weaviate",
    {
      ports: [
        { port: 8080, name: "HTTP" },
        { port: 50051, name: "GRPC" },
      ],
      dataDirs: ["/var/lib/weaviate"],
    },
  ],
  [
    "milvusdb/milvus",
    {
      ports: [
        { port: 19530, name: "GRPC" },
        { port: 9091, name: "METRICS" },
      ],
      dataDirs: ["/var/lib/milvus"],
    },
  ],
  ["getmeili/meilisearch", { ports: [{ port: 7700, name: "HTTP" }], dataDirs: ["/meili_data"] }],
  ["typesense/typesense", { ports: [{ port: 8108, name: "HTTP" }], dataDirs: ["/data"] }],
  [
    "dpage/pgadmin4",
    {
      ports: [
        { port: 80, name: "HTTP" },
        { port: 443, name: "HTTPS" },
      ],
      dataDirs: ["/var/lib/pgadmin"],
    },
  ],
  ["adminer", { ports: [{ port: 8080, name: "HTTP" }], dataDirs: [] }],
  ["sosedoff/pgweb", { ports: [{ port: 8081, name: "HTTP" }], dataDirs: [] }],
  ["redis/redisinsight", { ports: [{ port: 5540, name: "HTTP" }], dataDirs: ["/data"] }],
  [
    "redislabs/redisinsight",
    {
      ports: [
        { port: 8001, name: "HTTP" },
        { port: 5540, name: "HTTP" },
      ],
      dataDirs: ["/db", "/data"],
    },
  ],
  ["mongo-express", { ports: [{ port: 8081, name: "HTTP" }], dataDirs: [] }],
  ["phpmyadmin", { ports: [{ port: 80, name: "HTTP" }], dataDirs: [] }],
  ["phpmyadmin/phpmyadmin", { ports: [{ port: 80, name: "HTTP" }], dataDirs: [] }],
  ["rediscommander/redis-commander", { ports: [{ port: 8081, name: "HTTP" }], dataDirs: [] }],
  ...[
    "prometheuscommunity/postgres-exporter",
    "quay.io/prometheuscommunity/postgres-exporter",
    "wrouesnel/postgres_exporter",
  ].map((name): [string, KnownImage] => [name, { ports: [{ port: 9187, name: "METRICS" }], dataDirs: [] }]),
  ["oliver006/redis_exporter", { ports: [{ port: 9121, name: "METRICS" }], dataDirs: [] }],
  ["percona/mongodb_exporter", { ports: [{ port: 9216, name: "METRICS" }], dataDirs: [] }],
  ["prom/mysqld-exporter", { ports: [{ port: 9104, name: "METRICS" }], dataDirs: [] }],
];

export interface ImageName {
  /** Registry host when one is written (`quay.io`), else "". */
  registry: string;
  /** Repository path without registry, tag or digest (`docker.io/library/` removed): `postgres`, `timescale/timescaledb`. */
  path: string;
}

/** Splits an image reference the way docker does: `[registry/]path[:tag][@digest]`. */
export function parseImageName(reference: string): ImageName {
  let ref = reference.trim().toLowerCase();
  const at = ref.indexOf("@");
  if (at >= 0) ref = ref.slice(0, at);
  const lastSlash = ref.lastIndexOf("/");
  const colon = ref.lastIndexOf(":");
  if (colon > lastSlash) ref = ref.slice(0, colon);
  const parts = ref.split("/");
  let registry = "";
  const first = parts[0] ?? "";
  if (parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost")) {
    registry = first;
    parts.shift();
  }
  if (registry === "docker.io" || registry === "index.docker.io" || registry === "registry-1.docker.io") registry = "";
  if (registry === "" && parts.length === 2 && parts[0] === "library") parts.shift();
  return { registry, path: parts.join("/") };
}

/** What an image pattern is compiled to: the test of a whole name. */
interface NameTest {
  test(name: string): boolean;
}

const patternCache = new Map<string, NameTest>();

/**
 * `*` is any run of characters but `/`; the rest is literal. A pattern without `*` is the name
 * itself and `prefix*` a prefix with no `/` after it (most of the tables are one of these: a check
 * compiles every pattern it meets, and these need no automaton); the rest run on the linear engine
 * (patterns and images come from outside).
 */
function compileImagePattern(pattern: string): NameTest {
  const lower = pattern.toLowerCase();
  const star = lower.indexOf("*");
  if (star === -1) return { test: (name) => name === lower };
  if (star === lower.length - 1) {
    const prefix = lower.slice(0, -1);
    return { test: (name) => name.startsWith(prefix) && !name.includes("/", prefix.length) };
  }
  const items: RegexNode[] = [];
  for (const [i, part] of lower.split("*").entries()) {
    if (i > 0)
      items.push({ type: "repeat", node: { type: "char", set: NOT_SLASH }, min: 0, max: Number.POSITIVE_INFINITY });
    if (part !== "") items.push(literal(part));
  }
  return new LinearMatcher({ type: "seq", items }, true);
}

/** Matches an image pattern against a reference: on the path, or on registry/path when the pattern has a registry. */
export function imageMatches(pattern: string, image: ImageName): boolean {
  let re = patternCache.get(pattern);
  if (!re) {
    re = compileImagePattern(pattern);
    patternCache.set(pattern, re);
  }
  if (re.test(image.path)) return true;
  return image.registry !== "" && re.test(`${image.registry}/${image.path}`);
}

/** What is known about an image, or null. */
export function knownImage(image: ImageName | null): KnownImage | null {
  if (!image) return null;
  const key = `${image.registry}/${image.path}`;
  const cached = knownCache.get(key);
  if (cached !== undefined) return cached;
  let found: KnownImage | null = null;
  for (const [pattern, info] of KNOWN) {
    if (imageMatches(pattern, image)) {
      found = info;
      break;
    }
  }
  // A long-lived process (the MCP server, the library) reads ever more images: the cache starts over.
  if (knownCache.size >= 10_000) knownCache.clear();
  knownCache.set(key, found);
  return found;
}

/**
 * By registry and path: rules ask per port, and thousands of services share a few images (each
 * service has an image name object of its own).
 */
const knownCache = new Map<string, KnownImage | null>();
