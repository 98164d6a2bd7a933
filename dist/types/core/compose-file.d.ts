import type { Range } from "./types.js";
/** A scalar as written: its YAML value (not interpolated) and where it sits. */
export interface RawScalar {
    value: string | number | boolean | null;
    range: Range;
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
export type MergeTag = "" | "!reset" | "!override";
export interface RawService {
    name: string;
    keyRange: Range;
    image: RawScalar | null;
    build: Range | null;
    labels: Map<string, RawScalar>;
    /** `x-portguard: { category }` */
    category: RawScalar | null;
    ports: RawPort[];
    portsTag: MergeTag;
    networkMode: RawScalar | null;
    volumes: RawMount[];
    volumesTag: MergeTag;
    healthcheck: {
        range: Range;
        disabled: boolean;
    } | null;
    restart: RawScalar | null;
    /** `deploy.restart_policy` is set. */
    deployRestart: boolean;
    extends: RawExtends | null;
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
}
/** Reads a compose file. Never throws: what compose would refuse becomes a problem with a position. */
export declare function parseCompose(text: string, path?: string): ComposeFile;
