/**
 * Minimised facts of docker compose's behaviour, each a disagreement the differential runs found
 * (or an item of the compose-model issue): what compose says (checked live where the binary is
 * available), and where portguard reports the refusal.
 */
import type { View } from "./oracle.js";

export interface OracleCase {
  name: string;
  folder?: string;
  files: Record<string, string>;
  /** compose's answer; for a refusal the error text is informative only. */
  compose: View;
  /** Where portguard reports the refusal: `file:line:column-endLine:endColumn` of each PG001 (or PG301). */
  at?: string[];
  /** A deliberate deviation from docker compose v2.40: why portguard answers otherwise. */
  deviation?: string;
}

const ok = (name: string, services: Record<string, string[]>): View => ({ ok: true, name, services });
const refused = (error: string): View => ({ ok: false, error });
const one = (port: string): Record<string, string> => ({
  "compose.yaml": `services:\n  a:\n    image: x\n    ports:\n      - ${port}\n`,
});

/** Short-syntax specs and YAML scalars in a port list. */
const shortSyntax: OracleCase[] = [
  {
    name: "unbracketed IPv6 host",
    files: one('"::1:6000:6000"'),
    compose: refused("too many colons"),
    at: ["compose.yaml:5:9-5:24"],
  },
  {
    name: "IPv6 and empty host port, unbracketed",
    files: one('"::1::80"'),
    compose: refused("too many colons"),
    at: ["compose.yaml:5:9-5:18"],
  },
  { name: "all colons", files: one('"::::80"'), compose: refused("too many colons"), at: ["compose.yaml:5:9-5:17"] },
  {
    name: "IPv4-mapped IPv6 needs brackets",
    files: one('"::ffff:1.2.3.4:80:80"'),
    compose: refused("too many colons"),
  },
  {
    name: "bracketed IPv4-mapped IPv6",
    files: one('"[::ffff:1.2.3.4]:80:80"'),
    compose: ok("probe", { a: ["::ffff:1.2.3.4|80|80|tcp"] }),
  },
  {
    name: "text after the bracket",
    files: one('"[::1]x:8080:80"'),
    compose: refused("missing port in address"),
    at: ["compose.yaml:5:9-5:25"],
  },
  { name: "empty brackets are all interfaces", files: one('"[]:80:80"'), compose: ok("probe", { a: ["|80|80|tcp"] }) },
  {
    name: "container port 0",
    files: one('"80:0"'),
    compose: refused("missing a target port"),
    at: ["compose.yaml:5:9-5:15"],
  },
  { name: "container port 0 alone", files: one('"0"'), compose: refused("missing a target port") },
  { name: "host port 0 is a random port", files: one('"0:80"'), compose: ok("probe", { a: ["|0|80|tcp"] }) },
  { name: "a sign on the host port", files: one('"+80:80"'), compose: refused("Invalid hostPort: +80") },
  { name: "minus zero", files: one('"-0:80"'), compose: refused("Invalid hostPort: -0") },
  { name: "leading zeros", files: one('"0080:080"'), compose: ok("probe", { a: ["|80|80|tcp"] }) },
  {
    name: "protocol is the text up to the next slash",
    files: one('"8080:80/tcp/udp"'),
    compose: ok("probe", { a: ["|8080|80|tcp"] }),
  },
  { name: "empty protocol is tcp", files: one('"8080:80/"'), compose: ok("probe", { a: ["|8080|80|tcp"] }) },
  { name: "protocol in capitals", files: one('"8080:80/UDP"'), compose: ok("probe", { a: ["|8080|80|udp"] }) },
  {
    name: "unknown protocol",
    files: one('"8080:80/foo"'),
    compose: refused("Invalid proto: foo"),
    at: ["compose.yaml:5:9-5:22"],
  },
  { name: "a hostname is no IP", files: one('"localhost:80:80"'), compose: refused("Invalid ip address: localhost") },
  { name: "zone in brackets", files: one('"[fe80::1%eth0]:80:80"'), compose: refused("Invalid ip address") },
  {
    name: "host range against one container port",
    files: one('"8000-8010:80"'),
    compose: ok("probe", { a: ["|8000-8010|80|tcp"] }),
  },
  { name: "one host port against a container range", files: one('"80:80-81"'), compose: refused("Invalid ranges") },
  {
    name: "paired ranges",
    files: one('"127.0.0.1:5000-5001:6000-6001/udp"'),
    compose: ok("probe", { a: ["127.0.0.1|5000|6000|udp", "127.0.0.1|5001|6001|udp"] }),
  },
  { name: "reversed range", files: one('"81-80:80"'), compose: refused("Invalid hostPort") },
  {
    name: "two dashes",
    files: one('"80-90-100:80"'),
    compose: ok("probe", { a: ["|80-90|80|tcp"] }),
    at: ["compose.yaml:5:9-5:23"],
    deviation: "docker compose v2.40 reads 80-90 and drops -100; newer releases (go-connections v0.7) refuse it",
  },
  { name: "a space before the host port", files: one('" 80:80"'), compose: refused("Invalid hostPort") },
  { name: "YAML integer", files: one("8080"), compose: ok("probe", { a: ["||8080|tcp"] }) },
  { name: "YAML hexadecimal", files: one("0x50"), compose: ok("probe", { a: ["||80|tcp"] }) },
  { name: "YAML octal with a leading zero (go-yaml)", files: one("017"), compose: ok("probe", { a: ["||15|tcp"] }) },
  { name: "YAML 1.2 octal", files: one("0o17"), compose: ok("probe", { a: ["||15|tcp"] }) },
  { name: "YAML binary (go-yaml)", files: one("0b1010000"), compose: ok("probe", { a: ["||80|tcp"] }) },
  { name: "YAML underscores (go-yaml)", files: one("8_080"), compose: ok("probe", { a: ["||8080|tcp"] }) },
  { name: "YAML plus sign", files: one("+80"), compose: ok("probe", { a: ["||80|tcp"] }) },
  {
    name: "08 is a float to go-yaml",
    files: one("08"),
    compose: refused("invalid type float64"),
    at: ["compose.yaml:5:9-5:11"],
  },
  { name: "a float", files: one("80.0"), compose: refused("invalid type float64") },
  { name: "exponent", files: one("1e3"), compose: refused("invalid type float64") },
  { name: "negative integer", files: one("-80"), compose: refused("Invalid containerPort: -80") },
  { name: "a tag makes it a string", files: one("!!str 8080"), compose: ok("probe", { a: ["||8080|tcp"] }) },
  { name: "a folded scalar", files: one(">-\n        8080:80"), compose: ok("probe", { a: ["|8080|80|tcp"] }) },
  { name: "plain 8080:80 is a string", files: one("8080:80"), compose: ok("probe", { a: ["|8080|80|tcp"] }) },
  { name: "a boolean is no port", files: one("true"), compose: refused("must be a number") },
];

/** Long syntax: what compose's config accepts, and what the engine then refuses at `up`. */
const longSyntax: OracleCase[] = [
  {
    name: "target as a string",
    files: one('{ target: "80", published: 8080 }'),
    compose: ok("probe", { a: ["|8080|80|tcp"] }),
  },
  {
    name: "target 017 as a string is decimal",
    files: one('{ target: "017" }'),
    compose: ok("probe", { a: ["||17|tcp"] }),
  },
  { name: "target 017 as a number is octal", files: one("{ target: 017 }"), compose: ok("probe", { a: ["||15|tcp"] }) },
  { name: "target with a sign", files: one('{ target: "+80" }'), compose: ok("probe", { a: ["||80|tcp"] }) },
  {
    name: "an integral float target",
    files: one("{ target: 80.0, published: 9 }"),
    compose: ok("probe", { a: ["|9|80|tcp"] }),
  },
  {
    name: "a fractional target",
    files: one("{ target: 80.5 }"),
    compose: refused("must be a integer or string"),
    at: ["compose.yaml:5:19-5:23"],
  },
  { name: "a hexadecimal string target", files: one('{ target: "0x50" }'), compose: refused("strconv.Atoi") },
  { name: "no target", files: one("{ published: 80 }"), compose: refused("missing a target port") },
  {
    name: "an unknown field",
    files: one("{ target: 80, publish: 80 }"),
    compose: refused("additional properties"),
    at: ["compose.yaml:5:23-5:30"],
  },
  {
    name: "an extension field",
    files: one("{ target: 80, published: 81, x-note: yes }"),
    compose: ok("probe", { a: ["|81|80|tcp"] }),
  },
  {
    name: "published as text the engine refuses",
    files: one('{ target: 80, published: "80x" }'),
    compose: refused("up refuses"),
    at: ["compose.yaml:5:34-5:39"],
  },
  { name: "published with a sign", files: one('{ target: 80, published: "+81" }'), compose: refused("up refuses") },
  { name: "published negative", files: one("{ target: 80, published: -1 }"), compose: refused("up refuses") },
  { name: "published past 65535", files: one("{ target: 80, published: 65536 }"), compose: refused("up refuses") },
  {
    name: "published reversed range",
    files: one('{ target: 80, published: "81-80" }'),
    compose: refused("up refuses"),
  },
  {
    name: "published float",
    files: one("{ target: 80, published: 8.0 }"),
    compose: refused("unconvertible type 'float64'"),
  },
  {
    name: "published boolean",
    files: one("{ target: 80, published: true }"),
    compose: refused("must be a integer or string"),
  },
  {
    name: "published hexadecimal number",
    files: one("{ target: 80, published: 0x1F }"),
    compose: ok("probe", { a: ["|31|80|tcp"] }),
  },
  {
    name: "published 017 as a string is 17",
    files: one('{ target: 80, published: "017" }'),
    compose: ok("probe", { a: ["|17|80|tcp"] }),
  },
  { name: "published empty", files: one('{ target: 80, published: "" }'), compose: ok("probe", { a: ["||80|tcp"] }) },
  { name: "target past 65535", files: one("{ target: 65536, published: 80 }"), compose: refused("up refuses") },
  {
    name: "host_ip in brackets",
    files: one('{ target: 80, published: 90, host_ip: "[::1]" }'),
    compose: refused("invalid ip address"),
  },
  {
    name: "host_ip empty",
    files: one('{ target: 80, published: 90, host_ip: "" }'),
    compose: refused("invalid ip address"),
  },
  {
    name: "host_ip IPv6",
    files: one('{ target: 80, published: 90, host_ip: "::1" }'),
    compose: ok("probe", { a: ["::1|90|80|tcp"] }),
  },
  {
    name: "protocol in capitals",
    files: one("{ target: 80, published: 90, protocol: UDP }"),
    compose: ok("probe", { a: ["|90|80|udp"] }),
  },
  {
    name: "protocol empty",
    files: one('{ target: 80, published: 90, protocol: "" }'),
    compose: ok("probe", { a: ["|90|80|tcp"] }),
  },
  {
    name: "protocol unknown",
    files: one("{ target: 80, published: 90, protocol: foo }"),
    compose: refused("up refuses"),
  },
  {
    name: "any mode",
    files: one("{ target: 80, published: 90, mode: other }"),
    compose: ok("probe", { a: ["|90|80|tcp"] }),
  },
];

const compose = (services: string, extra: Record<string, string> = {}): Record<string, string> => ({
  "compose.yaml": `services:\n${services}`,
  ...extra,
});

/** Entries compose collapses, and those it keeps although they bind the same port. */
const duplicates: OracleCase[] = [
  { name: "a restated entry", files: one('"1:1"\n      - "1:1"'), compose: ok("probe", { a: ["|1|1|tcp"] }) },
  {
    name: "0.0.0.0 and no address share a key",
    files: one('"1:1"\n      - "0.0.0.0:1:1"'),
    compose: ok("probe", { a: ["0.0.0.0|1|1|tcp"] }),
  },
  {
    name: "short and long with a string published collapse",
    files: one('"1:1"\n      - { target: 1, published: "1", name: web }'),
    compose: ok("probe", { a: ["|1|1|tcp"] }),
  },
  {
    name: "a numeric published keeps its own key",
    files: one('"1:1"\n      - { target: 1, published: 1 }'),
    compose: ok("probe", { a: ["|1|1|tcp", "|1|1|tcp"] }),
  },
  {
    name: "protocol spellings of a short spec collapse",
    files: one('"1:1"\n      - "1:1/tcp"\n      - "1:1/TCP"'),
    compose: ok("probe", { a: ["|1|1|tcp"] }),
  },
  {
    name: "a long protocol in capitals keeps its key",
    files: one('{ target: 1, published: "1", protocol: TCP }\n      - "1:1"'),
    compose: ok("probe", { a: ["|1|1|tcp", "|1|1|tcp"] }),
  },
  {
    name: "one port of a range restated",
    files: one('"1-2:1-2"\n      - "1:1"'),
    compose: ok("probe", { a: ["|1|1|tcp", "|2|2|tcp"] }),
  },
  {
    name: "an override restating a binding",
    files: { ...one('"1:1"'), "compose.override.yaml": 'services:\n  a:\n    ports: ["1:1", "2:2"]\n' },
    compose: ok("probe", { a: ["|1|1|tcp", "|2|2|tcp"] }),
  },
];

/** Which files, which name. */
const project: OracleCase[] = [
  {
    name: "COMPOSE_FILE names the files, whatever they are called",
    files: {
      "base.yml": 'services:\n  db:\n    image: postgres\n    ports: ["5432:5432"]\n',
      "prod.yml": 'services:\n  db:\n    ports: ["5433:5432"]\n',
      ".env": "COMPOSE_FILE=base.yml:prod.yml\n",
    },
    compose: ok("probe", { db: ["|5432|5432|tcp", "|5433|5432|tcp"] }),
  },
  {
    name: "COMPOSE_PATH_SEPARATOR",
    files: {
      "a.yml": "services:\n  a:\n    image: x\n",
      "b.yml": 'services:\n  a:\n    ports: ["1:1"]\n',
      ".env": "COMPOSE_PATH_SEPARATOR=,\nCOMPOSE_FILE=a.yml,b.yml\n",
    },
    compose: ok("probe", { a: ["|1|1|tcp"] }),
  },
  {
    name: "COMPOSE_FILE in another folder: that folder names the project, both .env files are read",
    files: {
      "stack/a.yml": 'services:\n  a:\n    image: x\n    ports: ["${P:-1}:1", "${Q:-2}:2"]\n',
      "stack/.env": "P=3\nQ=4\n",
      ".env": "COMPOSE_FILE=stack/a.yml\nP=5\n",
    },
    compose: ok("stack", { a: ["|4|2|tcp", "|5|1|tcp"] }),
  },
  {
    name: "COMPOSE_FILE leaves out the override",
    files: {
      "compose.yaml": 'services:\n  a:\n    image: x\n    ports: ["1:1"]\n',
      "compose.override.yaml": 'services:\n  a:\n    ports: ["2:2"]\n',
      ".env": "COMPOSE_FILE=compose.yaml\n",
    },
    compose: ok("probe", { a: ["|1|1|tcp"] }),
  },
  {
    name: "COMPOSE_FILE naming a missing file",
    files: { "compose.yaml": "services:\n  a:\n    image: x\n", ".env": "COMPOSE_FILE=nope.yml\n" },
    compose: refused("no such file"),
    at: [".env:1:1-1:13"],
  },
  {
    name: "COMPOSE_PROJECT_NAME wins over name:",
    files: { "compose.yaml": "name: top\nservices:\n  a:\n    image: x\n", ".env": "COMPOSE_PROJECT_NAME=envname\n" },
    compose: ok("envname", { a: [] }),
  },
  {
    name: "an empty COMPOSE_PROJECT_NAME does not count",
    files: { "compose.yaml": "name: top\nservices:\n  a:\n    image: x\n", ".env": "COMPOSE_PROJECT_NAME=\n" },
    compose: ok("top", { a: [] }),
  },
  {
    name: "an invalid COMPOSE_PROJECT_NAME",
    files: { "compose.yaml": "services:\n  a:\n    image: x\n", ".env": "COMPOSE_PROJECT_NAME=My.Proj\n" },
    compose: refused("invalid project name"),
    at: [".env:1:1-1:21"],
  },
  {
    name: "name: is normalised",
    files: compose("  a:\n    image: x\n", {}),
    folder: "My_Proj.X-1",
    compose: ok("my_projx-1", { a: [] }),
  },
  {
    name: "name: normalised to nothing",
    files: { "compose.yaml": "name: '...'\nservices:\n  a:\n    image: x\n" },
    compose: refused("project name must not be empty"),
    at: ["compose.yaml:1:7-1:12"],
  },
  {
    name: "name: interpolated",
    files: { "compose.yaml": "name: ${N:-dflt}\nservices:\n  a:\n    image: x\n", ".env": "N=Fromenv\n" },
    compose: ok("fromenv", { a: [] }),
  },
  {
    name: "the folder name, normalised",
    folder: "-_Abc.D",
    files: compose("  a:\n    image: x\n"),
    compose: ok("abcd", { a: [] }),
  },
  {
    name: "only the first default file is read",
    files: {
      "compose.yaml": "services:\n  a:\n    image: x\n",
      "docker-compose.yml": "services:\n  z:\n    image: y\n",
    },
    compose: ok("probe", { a: [] }),
  },
  {
    name: "an override of any spelling merges into any base",
    files: {
      "compose.yml": 'services:\n  a:\n    image: x\n    ports: ["1:1"]\n',
      "docker-compose.override.yaml": 'services:\n  a:\n    ports: ["4:4"]\n',
    },
    compose: ok("probe", { a: ["|1|1|tcp", "|4|4|tcp"] }),
  },
  {
    name: "an empty compose file",
    files: { "compose.yaml": "# nothing yet\n" },
    compose: refused("empty compose file"),
    at: ["compose.yaml:1:1-1:1"],
  },
  {
    name: "an empty override is fine",
    files: { "compose.yaml": "services:\n  a:\n    image: x\n", "compose.override.yaml": "" },
    compose: ok("probe", { a: [] }),
  },
  {
    name: "a service with no image or build",
    files: compose('  a:\n    ports: ["1:1"]\n'),
    compose: refused("neither an image nor a build context"),
    at: ["compose.yaml:2:3-2:4"],
  },
  {
    name: "a volume nobody declared",
    files: compose("  a:\n    image: x\n    volumes:\n      - data:/data\n"),
    compose: refused("undefined volume data"),
    at: ["compose.yaml:5:9-5:19"],
  },
  {
    name: "ports: with no value",
    files: compose("  a:\n    image: x\n    ports:\n"),
    compose: refused("must be a array"),
    at: ["compose.yaml:4:5-4:10"],
  },
  {
    name: "a service with no value merges over nothing",
    files: { "compose.yaml": "services:\n  a:\n    image: x\n", "compose.override.yaml": "services:\n  b:\n" },
    compose: refused("services.b must be a mapping"),
    at: ["compose.override.yaml:2:3-2:4"],
  },
  {
    name: "a service with no value over a definition changes nothing",
    files: { "compose.yaml": "services:\n  a:\n    image: x\n", "compose.override.yaml": "services:\n  a:\n" },
    compose: ok("probe", { a: [] }),
  },
];

/** Interpolation wherever compose interpolates; `.env` values. */
const interpolation: OracleCase[] = [
  {
    name: "a missing required variable in an extension field",
    files: { "compose.yaml": 'x-version: "${REQ:?must be set}"\nservices:\n  a:\n    image: x\n' },
    compose: refused("required variable REQ is missing a value"),
    at: ["compose.yaml:1:12-1:33"],
  },
  {
    name: "a missing required variable in a label",
    files: compose('  a:\n    image: x\n    labels: { note: "${REQ:?needed}" }\n'),
    compose: refused("required variable REQ"),
    at: ["compose.yaml:4:21-4:37"],
  },
  {
    name: "a missing required variable in a port",
    files: one('"${DB_PORT:?set DB_PORT}:5432"'),
    compose: refused("required variable DB_PORT"),
    at: ["compose.yaml:5:9-5:39"],
  },
  {
    name: "a key is not interpolated",
    files: compose("  a:\n    image: x\n    labels: { '${REQ:?x}': 1 }\n"),
    compose: ok("probe", { a: [] }),
  },
  {
    name: "invalid interpolation in an extension field",
    files: { "compose.yaml": "x-a: ${A.B}\nservices:\n  a:\n    image: x\n" },
    compose: refused("${A.B}"),
    at: ["compose.yaml:1:6-1:12"],
  },
  {
    name: "an empty port variable publishes a random port",
    files: { ...one('"${CACHE_PORT-7031}:6379"'), ".env": "CACHE_PORT=\n" },
    compose: ok("probe", { a: ["||6379|tcp"] }),
  },
  {
    name: "a value that is not a port, in a variable not named like one",
    files: { ...one('"${OTHER:-80}:80"'), ".env": "OTHER=abc\n" },
    compose: refused("Invalid hostPort: abc"),
    at: [".env:1:1-1:6"],
  },
  {
    name: "inline comment needs a space",
    files: { ...one('"${P:-1}:1"'), ".env": "P=5#x\n" },
    compose: refused("Invalid hostPort"),
    at: [".env:1:1-1:2"],
  },
  {
    name: "colon as separator",
    files: { ...one('"${P:-1}:1"'), ".env": "P: 5\n" },
    compose: ok("probe", { a: ["|5|1|tcp"] }),
  },
  {
    name: "CRLF line ends",
    files: { ...one('"${P:-1}:1"'), ".env": "P=5\r\nQ=6\r\n" },
    compose: ok("probe", { a: ["|5|1|tcp"] }),
  },
  {
    name: "a default is expanded even when the variable is set",
    files: { ...one('"${A:-${B:?B is required}}:1"'), ".env": "A=7000\n" },
    compose: refused("required variable B"),
    at: ["compose.yaml:5:9-5:38"],
  },
  {
    name: "an unterminated template in a default, the variable set",
    files: { ...one('"${A:-7034:${B:-80}/tcp"'), ".env": "A=1\n" },
    compose: refused("7034:${B:-80"),
  },
  {
    name: "values made of two variables",
    files: { ...one('"${A:-70}${B:-01}:1"'), ".env": "A=71\n" },
    compose: ok("probe", { a: ["|7101|1|tcp"] }),
  },
];

/** `!reset`, `!override`, anchors, several documents. */
const merging: OracleCase[] = [
  {
    name: "!reset [] in an override",
    files: { ...one('"1:1"'), "compose.override.yaml": "services:\n  a:\n    ports: !reset []\n" },
    compose: ok("probe", { a: [] }),
  },
  {
    name: "!reset null in an override",
    files: { ...one('"1:1"'), "compose.override.yaml": "services:\n  a:\n    ports: !reset null\n" },
    compose: ok("probe", { a: [] }),
  },
  {
    name: "!override replaces",
    files: { ...one('"1:1"'), "compose.override.yaml": "services:\n  a:\n    ports: !override ['9:9']\n" },
    compose: ok("probe", { a: ["|9|9|tcp"] }),
  },
  {
    name: "!reset in the same file lets a merge key supply the value",
    files: {
      "compose.yaml": "x-b: &b\n  image: x\n  ports: ['1:1']\nservices:\n  a:\n    <<: *b\n    ports: !reset []\n",
    },
    compose: ok("probe", { a: ["|1|1|tcp"] }),
  },
  {
    name: "!reset alone in a file removes the key",
    files: compose("  a:\n    image: x\n    ports: !reset ['1:1']\n"),
    compose: ok("probe", { a: [] }),
  },
  {
    name: "!reset of a whole service",
    files: {
      "compose.yaml": "services:\n  a:\n    image: x\n  c:\n    image: y\n",
      "compose.override.yaml": "services:\n  a: !reset {}\n",
    },
    compose: ok("probe", { c: [] }),
  },
  {
    name: "!reset over extends",
    files: compose("  b:\n    image: x\n    ports: ['1:1']\n  a:\n    extends: b\n    ports: !reset []\n"),
    compose: ok("probe", { a: [], b: ["|1|1|tcp"] }),
  },
  {
    name: "!override over extends",
    files: compose("  b:\n    image: x\n    ports: ['1:1']\n  a:\n    extends: b\n    ports: !override ['2:2']\n"),
    compose: ok("probe", { a: ["|2|2|tcp"], b: ["|1|1|tcp"] }),
  },
  {
    name: "an invalid host_ip dropped by a later !override",
    files: {
      ...one('{ target: 80, published: 7002, host_ip: "" }'),
      "compose.override.yaml": "services:\n  a:\n    ports: !override ['7001:80']\n",
    },
    compose: ok("probe", { a: ["|7001|80|tcp"] }),
  },
  {
    name: "a float published dropped by a later !reset",
    files: {
      ...one("{ target: 80, published: 8.0 }"),
      "compose.override.yaml": "services:\n  a:\n    ports: !reset []\n",
    },
    compose: ok("probe", { a: [] }),
  },
  {
    name: "a short spec is read before merging: !reset does not save it",
    files: { ...one('"bad:80"'), "compose.override.yaml": "services:\n  a:\n    ports: !reset []\n" },
    compose: refused("Invalid hostPort: bad"),
  },
  {
    name: "in its own file, a service extends the definition of the same document",
    files: {
      "compose.yaml":
        "services:\n  web:\n    image: x\n    ports: ['1:1']\n  cache:\n    extends: web\n---\nservices:\n  web:\n    ports: ['2:2']\n",
    },
    compose: ok("probe", { cache: ["|1|1|tcp"], web: ["|1|1|tcp", "|2|2|tcp"] }),
  },
  {
    name: "an anchored entry restated through its alias",
    files: one("&p '8080:80'\n      - *p"),
    compose: ok("probe", { a: ["|8080|80|tcp"] }),
  },
  {
    name: "documents of one file merge in order",
    files: {
      "compose.yaml": "services:\n  a:\n    image: x\n    ports: ['1:1']\n---\nservices:\n  a:\n    ports: ['2:2']\n",
    },
    compose: ok("probe", { a: ["|1|1|tcp", "|2|2|tcp"] }),
  },
  {
    name: "extends a service defined in two documents",
    files: {
      "compose.yaml": "services:\n  a:\n    extends: { file: base.yml, service: b }\n",
      "base.yml": "services:\n  b:\n    image: x\n    ports: ['1:1']\n---\nservices:\n  b:\n    ports: ['2:2']\n",
    },
    compose: ok("probe", { a: ["|1|1|tcp", "|2|2|tcp"] }),
  },
];

/** include and extends, inside and outside the project root. */
const includes: OracleCase[] = [
  {
    name: "a service both included and defined, differently",
    files: {
      "compose.yaml": "include: [sub/c.yaml]\nservices:\n  a:\n    image: x\n",
      "sub/c.yaml": "services:\n  a:\n    image: y\n",
    },
    compose: refused("conflicts with imported resource"),
    at: ["compose.yaml:3:3-3:4"],
  },
  {
    name: "a service included and defined identically",
    files: {
      "compose.yaml": "include: [sub/c.yaml]\nservices:\n  a:\n    image: x\n",
      "sub/c.yaml": "services:\n  a:\n    image: x\n",
    },
    compose: ok("probe", { a: [] }),
  },
  {
    name: "a volume both included and declared, differently",
    files: {
      "compose.yaml": "include: [i.yaml]\nservices:\n  z:\n    image: z\nvolumes:\n  data: {}\n",
      "i.yaml": "services:\n  a:\n    image: x\nvolumes:\n  data:\n    name: other\n",
    },
    compose: refused("volumes.data conflicts with imported resource"),
    at: ["compose.yaml:6:3-6:7"],
  },
  {
    name: "an include from outside the project root",
    files: {
      "compose.yaml": "include: [../common/c.yml]\nservices:\n  a:\n    image: x\n",
      "../common/c.yml": "services:\n  b:\n    image: y\n    ports: ['3:3']\n",
    },
    compose: ok("probe", { a: [], b: ["|3|3|tcp"] }),
  },
  {
    name: "extends from outside the project root",
    files: {
      "compose.yaml": "services:\n  a:\n    extends: { file: ../common/base.yml, service: b }\n",
      "../common/base.yml": "services:\n  b:\n    image: y\n    ports: ['3:3']\n",
    },
    compose: ok("probe", { a: ["|3|3|tcp"] }),
  },
  {
    name: "an included file's own .env; the parent's variables win",
    files: {
      "compose.yaml": "include: [sub/c.yaml]\nservices:\n  a:\n    image: x\n",
      "sub/c.yaml": "services:\n  b:\n    image: y\n    ports: ['${P:-5}:5', '${Q:-6}:6']\n",
      "sub/.env": "P=7\nQ=8\n",
      ".env": "P=9\n",
    },
    compose: ok("probe", { a: [], b: ["|8|6|tcp", "|9|5|tcp"] }),
  },
  {
    name: "env_file of an include replaces the included folder's .env",
    files: {
      "compose.yaml": "include:\n  - path: inc/c.yaml\n    env_file: inc/other.env\nservices:\n  a:\n    image: x\n",
      "inc/c.yaml": "services:\n  b:\n    image: y\n    ports: ['${OTHER:-127.0.0.1}:990:6379']\n",
      "inc/.env": "OTHER=7059\n",
      "inc/other.env": "P=1\n",
    },
    compose: ok("probe", { a: [], b: ["127.0.0.1|990|6379|tcp"] }),
  },
];

/** What a folder's `.env` names with COMPOSE_FILE pulls in like any other stack. */
const composeFile: OracleCase[] = [
  {
    name: "a COMPOSE_FILE stack that includes a folder with an .env of its own",
    files: {
      "stack/base.yml": "include:\n  - path: inc/compose.yaml\nservices:\n  a:\n    image: x\n",
      "stack/inc/compose.yaml": 'x-required: "${OTHER:?must be set}"\nservices:\n  b:\n    image: y\n',
      "stack/inc/.env": "P=1\n",
      ".env": "OTHER=2767\nCOMPOSE_FILE=stack/base.yml\n",
    },
    compose: ok("stack", { a: [], b: [] }),
  },
];

export const ORACLE_CASES: OracleCase[] = [
  ...shortSyntax,
  ...longSyntax,
  ...duplicates,
  ...project,
  ...interpolation,
  ...merging,
  ...includes,
  ...composeFile,
];
