/**
 * The project as docker compose would run it: merged services with their resolved port bindings
 * and mounts, each value remembering the file and range it was written at.
 */
import type { ParsedEnvFile } from "./dotenv.js";
import type { ImageName } from "./images.js";
import type { VariableReference } from "./interpolation.js";
import type { PortMapping, Range } from "./types.js";
export interface Location {
    file: string;
    range: Range;
}
/** Where a variable's value came from. */
export type VariableOrigin = {
    kind: "process";
} | {
    kind: "env-file";
    file: string;
    line: number;
    column: number;
    endColumn: number;
    standIn: boolean;
};
export interface VariableValue {
    value: string;
    origin: VariableOrigin;
}
/** An env file that supplies variables to at least one project (or the central one). */
export interface EnvFileModel {
    path: string;
    /** True for `.env.example` and its kin standing in for a missing `.env`. */
    standIn: boolean;
    parsed: ParsedEnvFile;
    text: string;
}
/** The variables a compose file is interpolated with. */
export declare class Environment {
    private readonly vars;
    /** The env files consulted, most specific first (for "declared in" messages). */
    readonly files: readonly EnvFileModel[];
    constructor(vars: ReadonlyMap<string, VariableValue>, 
    /** The env files consulted, most specific first (for "declared in" messages). */
    files: readonly EnvFileModel[]);
    get(name: string): VariableValue | undefined;
    lookup: (name: string) => string | undefined;
    /** A copy where `over` wins and this environment fills the gaps (compose's include rule). */
    overlay(over: Environment): Environment;
}
/** How the host port of a binding is written. */
export type HostPortSource = {
    kind: "none";
} | {
    kind: "literal";
} | {
    kind: "mixed";
    references: VariableReference[];
} | {
    kind: "variable";
    reference: VariableReference;
};
export interface PortBinding extends PortMapping {
    /** Index in the project-wide list, stable within one run. */
    id: number;
    service: ServiceModel;
    location: Location;
    /** The spec text as written (short syntax) or the published value. */
    written: string;
    /** A host range against one container port: the engine picks one free port of the range. */
    dynamic: boolean;
    hostSource: HostPortSource;
    /** The value of the host-port variable, when it comes from the environment. */
    variableValue: VariableValue | null;
    /** The compose default written for the host-port variable, interpolated. */
    defaultValue: string | null;
    /** Set when the binding cannot be resolved because a `.env` value is not a port. */
    invalidVariable: string | null;
    /** Set when `${VAR:?}` fails: compose would refuse to start. */
    missingRequired: string | null;
    /** The variables the binding's file was interpolated with. */
    environment: Environment;
    /** Where the host port is written in `written` (offsets in the template), for fixes. */
    hostTemplateSpan: [number, number] | null;
    /** False when the mapping could not be parsed (a PG001 or PG301 says why). */
    resolved: boolean;
}
export interface MountModel {
    kind: "volume" | "bind" | "tmpfs" | "anonymous" | "other";
    source: string;
    target: string;
    location: Location;
}
export interface ServiceModel {
    name: string;
    project: ProjectModel;
    /** Where the service is first defined. */
    location: Location;
    image: string | null;
    imageName: ImageName | null;
    hasBuild: boolean;
    labels: ReadonlyMap<string, string>;
    xCategory: string | null;
    category: string;
    ports: PortBinding[];
    networkMode: {
        value: string;
        location: Location;
    } | null;
    mounts: MountModel[];
    /** `profiles:` (interpolated); empty when the service runs with every profile. */
    profiles: string[];
    hasHealthcheck: boolean;
    restart: string | null;
    deployRestart: boolean;
}
export interface TopLevelVolume {
    name: string;
    location: Location;
    hasName: boolean;
    external: boolean;
}
export interface ProjectModel {
    /** The compose file the project starts from, relative to the root. */
    file: string;
    /** The folder the project is run from: where its `.env` and `COMPOSE_*` settings are read. */
    dir: string;
    /**
     * compose's project name: the one compose is given (`-p`), else `COMPOSE_PROJECT_NAME`, else the
     * top-level `name:`, else the name of the first file's folder, normalised as compose normalises it.
     */
    name: string;
    /**
     * null for the stack compose loads by default in `dir`; else the compose file of `dir` that
     * compose loads only when asked (`-f`): an alternative of the default stack, never beside it.
     */
    variant: string | null;
    /** Projects of one group are alternatives of each other: the folder holding a default stack and its variants. */
    group: string | null;
    host: string;
    environment: Environment;
    services: ServiceModel[];
    volumes: Map<string, TopLevelVolume>;
    /** The files compose is given (`-f`, in order), or that it finds by default. */
    layers: string[];
    /** Every compose file merged into the project (root, override, included, extended). */
    files: Set<string>;
    /** Every env file compose reads for the project. */
    envFiles: Set<string>;
    /** `COMPOSE_PROFILES`: the profiles enabled by default, which therefore run together. */
    activeProfiles: string[];
}
