import type { RawMount, RawPort, RawScalar, RawService } from "./compose-file.js";
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
    /**
     * compose's unicity key of each entry the mapping makes (a paired range makes one per port):
     * later entries with an equal key replace earlier ones.
     */
    keys: string[];
    environment: Environment;
    /** Where the host port is written in `written` (template offsets), for fixes. */
    hostTemplateSpan: [number, number] | null;
    /** What compose refuses only after merging (or at `up`): a problem only if the entry survives the merges. */
    upProblem: ResolveProblem | null;
}
export interface ServiceDraft {
    name: string;
    location: Location;
    image: string | null;
    hasBuild: boolean;
    labels: ReadonlyMap<string, string>;
    xCategory: string | null;
    /** null: not given here (a merge keeps what it merges over). */
    ports: PortDraft[] | null;
    networkMode: {
        value: string;
        location: Location;
    } | null;
    mounts: MountModel[] | null;
    profiles: string[] | null;
    healthcheck: {
        disabled: boolean;
    } | null;
    restart: string | null;
    deployRestart: boolean;
    platform: {
        value: string;
        location: Location;
    } | null;
    buildPlatforms: string[] | null;
    resets: ReadonlySet<string>;
    overrides: ReadonlySet<string>;
    /** Its `extends` could not be resolved (a PG001 says why): what it lacks is not reported again. */
    brokenExtends?: boolean;
}
/** An interpolated value with the variables whose values it quotes, to name them instead in messages. */
interface Expanded {
    value: string;
    /** `[value, name]` of each variable that put text into `value` from the environment. */
    quoted: [string, string][];
}
/** `message` with every environment value it quotes replaced by the variable's name. */
export declare function redact(message: string, quoted: readonly [string, string][]): string;
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
    }, message: string, quoted?: readonly [string, string][]): void;
    /** Interpolates a scalar; an invalid template or a missing required value is a problem and gives null. */
    expand(scalar: RawScalar | null): Expanded | null;
    text(scalar: RawScalar | null): string | null;
    private interpolationProblem;
    service(raw: RawService): ServiceDraft;
    /**
     * Interpolates a port template. A missing `${VAR:?}` is a problem (compose refuses the file); the
     * template is still read with a stand-in value to learn which variable writes the host port.
     */
    private interpolatePort;
    port(raw: RawPort): PortDraft;
    /** A draft with nothing resolved yet. */
    private draft;
    private shortPort;
    private longPort;
    /** Which variable (if any) wrote the host port, and whether its `.env` value is a usable port. */
    private provenance;
    mount(raw: RawMount): MountModel | null;
}
/** compose-go's format.ParseVolume: `[SOURCE:]TARGET[:MODE]`, Windows drives kept whole. */
export declare function parseVolumeSpec(spec: string): Omit<MountModel, "location"> | null;
/**
 * The ports compose keeps: entries with an equal key collapse into the last one written. A paired
 * range that loses some of its ports to later entries keeps the others, as runs of its own.
 */
export declare function uniquePorts(ports: readonly PortDraft[]): PortDraft[];
/** Applies `over` onto `base` with compose's merge rules for the fields portguard reads. */
export declare function mergeServices(base0: ServiceDraft, over: ServiceDraft): ServiceDraft;
export {};
