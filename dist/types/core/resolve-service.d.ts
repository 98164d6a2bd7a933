/**
 * Turning one raw service definition into resolved data with a given environment: interpolated
 * values, port mappings with the provenance of their host port, mounts. Merging of definitions
 * (overrides, extends, include) works on these drafts.
 */
import type { MergeTag, RawMount, RawPort, RawScalar, RawService } from "./compose-file.js";
import type { Environment, HostPortSource, Location, MountModel, VariableValue } from "./model.js";
import type { PortMapping } from "./types.js";
/** A problem compose would refuse the file for (PG001). */
export interface ResolveProblem {
    location: Location;
    message: string;
}
export interface PortDraft {
    location: Location;
    written: string;
    mapping: PortMapping | null;
    hostSource: HostPortSource;
    variableValue: VariableValue | null;
    defaultValue: string | null;
    invalidVariable: string | null;
    missingRequired: string | null;
    /** compose's de-duplication key (host_ip:published:target/protocol). */
    key: string;
    environment: Environment;
    /** Where the host port is written in `written` (template offsets), for fixes. */
    hostTemplateSpan: [number, number] | null;
}
export interface ServiceDraft {
    name: string;
    location: Location;
    image: string | null;
    hasBuild: boolean;
    labels: Map<string, string>;
    xCategory: string | null;
    ports: PortDraft[];
    portsTag: MergeTag;
    networkMode: {
        value: string;
        location: Location;
    } | null;
    mounts: MountModel[];
    mountsTag: MergeTag;
    healthcheck: {
        disabled: boolean;
    } | null;
    restart: string | null;
    deployRestart: boolean;
}
export declare class Resolver {
    readonly file: string;
    readonly env: Environment;
    readonly problems: ResolveProblem[];
    constructor(file: string, env: Environment, problems: ResolveProblem[]);
    location(scalar: {
        range: RawScalar["range"];
    }): Location;
    problem(scalar: {
        range: RawScalar["range"];
    }, message: string): void;
    /** Interpolates a scalar; a syntax error is a problem and gives null. */
    text(scalar: RawScalar | null): string | null;
    service(raw: RawService): ServiceDraft;
    /** Interpolates a port template, keeping going past a missing `${VAR:?}` to learn the structure. */
    private interpolatePort;
    port(raw: RawPort): PortDraft;
    /** A draft with nothing resolved yet. */
    private draft;
    private shortPort;
    private longPort;
    /** Which variable (if any) wrote the host port, and whether its `.env` value is a usable port. */
    private provenance;
    mount(raw: RawMount): MountModel[];
}
/** compose-go's format.ParseVolume: `[SOURCE:]TARGET[:MODE]`, Windows drives kept whole. */
export declare function parseVolumeSpec(spec: string): Omit<MountModel, "location"> | null;
/** De-duplicates ports as compose does after a merge: a restated binding is one binding. */
export declare function uniquePorts(ports: PortDraft[]): PortDraft[];
/** Applies `over` onto `base` with compose's merge rules for the fields portguard reads. */
export declare function mergeServices(base: ServiceDraft, over: ServiceDraft): ServiceDraft;
