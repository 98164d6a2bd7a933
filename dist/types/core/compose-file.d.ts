import type { Range } from "./types.js";
/** A scalar as written: its YAML value (not interpolated) and where it sits. */
export interface RawScalar {
    value: string | number | boolean | null;
    range: Range;
    /** A number written as a float (`8.0`, `08`, `1e3`): compose refuses it where an integer belongs. */
    float?: boolean;
}
export type RawPort = {
    kind: "short";
    value: RawScalar;
} | {
    kind: "long";
    range: Range;
    fields: Record<string, RawScalar>;
};
export type RawMount = {
    kind: "short";
    value: RawScalar;
} | {
    kind: "long";
    range: Range;
    type: RawScalar | null;
    source: RawScalar | null;
    target: RawScalar | null;
};
export interface RawService {
    name: string;
    keyRange: Range;
    image: RawScalar | null;
    build: Range | null;
    labels: ReadonlyMap<string, RawScalar>;
    /** `x-portguard: { category }` */
    category: RawScalar | null;
    ports: RawPort[] | null;
    networkMode: RawScalar | null;
    volumes: RawMount[] | null;
    profiles: RawScalar[] | null;
    healthcheck: {
        range: Range;
        disabled: boolean;
    } | null;
    restart: RawScalar | null;
    /** `deploy.restart_policy` is set. */
    deployRestart: boolean;
    extends: RawExtends | null;
    /** `env_file:` entries: compose refuses a missing one unless it is `required: false`. */
    envFiles: {
        path: RawScalar;
        required: boolean;
    }[];
    platform: RawScalar | null;
    /** `build.platforms`, which must include `platform`. */
    buildPlatforms: RawScalar[] | null;
    /** Fields tagged `!reset`: gone from this definition, and cleared in what it merges over. */
    resets: Set<string>;
    /** Fields tagged `!override`: they replace what they merge over instead of merging with it. */
    overrides: Set<string>;
    /** The definition as plain data (scalars as written), for compose's equality of imported resources. */
    data: unknown;
    /** `name:` with no value: allowed only where it merges over an existing definition. */
    empty: boolean;
}
export interface RawExtends {
    range: Range;
    service: RawScalar;
    file: RawScalar | null;
}
export interface RawVolume {
    name: string;
    keyRange: Range;
    nameField: RawScalar | null;
    external: boolean;
    data: unknown;
}
export interface RawInclude {
    range: Range;
    paths: RawScalar[];
    projectDirectory: RawScalar | null;
    envFiles: RawScalar[];
}
export interface ComposeDocument {
    name: RawScalar | null;
    services: RawService[];
    volumes: Map<string, RawVolume>;
    includes: RawInclude[];
    /** Every string value holding a `$`: compose interpolates them all. */
    templates: RawScalar[];
    /** Services and volumes tagged `!reset` in this document. */
    resetServices: Set<string>;
    resetVolumes: Set<string>;
}
export interface ComposeProblem {
    message: string;
    range: Range;
}
export interface ComposeFile {
    path: string;
    text: string;
    documents: ComposeDocument[];
    /** Problems that make compose refuse the file; a YAML syntax error is the only one then. */
    problems: ComposeProblem[];
    /** True when the YAML itself is not well formed: nothing else is reported for the file. */
    malformed: boolean;
    /** No document has content (compose refuses such a file where a project starts). */
    empty: boolean;
}
/** A service definition's settings as written (plain data), for what the model does not resolve. */
export interface WrittenService {
    command: unknown;
    environment: unknown;
}
/**
 * What a run keeps of a compose file once its projects are loaded: its documents are dropped as
 * soon as no project still to load reads them, so that they die young (most of the parse is garbage).
 */
export interface ComposeSummary {
    path: string;
    text: string;
    /** Definitions by service name, in document order (their `command` and `environment`, as written). */
    services: Map<string, WrittenService[]>;
    /** Each top-level volume's non-empty `name:` values as written, in document order. */
    volumeNames: Map<string, string[]>;
    /** Every string value holding a `$`, as written. */
    templates: string[];
}
/** The summary of a parsed file. */
export declare function summarize(file: ComposeFile): ComposeSummary;
/** Reads a compose file. Never throws: what compose would refuse becomes a problem with a position. */
export declare function parseCompose(text: string, path?: string): ComposeFile;
