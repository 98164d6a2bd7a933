import { type StackModel } from "./context.js";
import type { PortBinding } from "./model.js";
import type { Suggestion } from "./types.js";
/** `timescaledb-backup` -> `TIMESCALEDB_BACKUP` */
export declare function variableStem(service: string): string;
/**
 * The env file a binding's port variable is declared in: the one its project reads, else the
 * stand-in of the central one (`.env.example`), which `fix` creates.
 */
export declare function envHome(b: PortBinding, centralEnv: readonly string[]): string;
/** Report order of bindings: file, line, column. */
export declare function compareLocation(a: PortBinding, b: PortBinding): number;
export declare class SuggestionAllocator {
    private readonly model;
    private readonly changed;
    private readonly handed;
    private readonly generic;
    /** Per host and range: every port below it is taken or handed out (ports are never given back). */
    private readonly cursor;
    private readonly bySlot;
    /** Per env file, the slot each variable name belongs to (written ones first). */
    private names;
    /** Per env file and derived base name, the next number to try (a service with many ports stays linear). */
    private readonly nextNumber;
    private readonly numbered;
    /** The derived variable name and the slot of each binding, filled a service at a time (flat: one map, not two per service). */
    private readonly derivedNames;
    private readonly slots;
    constructor(model: StackModel, changed?: ((file: string) => boolean) | null);
    private slotOf;
    private handedFor;
    private isFree;
    /**
     * Whether a conflicting binding has the better claim to the port: one in an unchanged file (it was
     * there first), else the earlier one in report order.
     */
    private heldEarlier;
    /** Allocates the suggestions of `bindings` in report order. */
    allocate(bindings: Iterable<PortBinding>): void;
    get(b: PortBinding): Suggestion;
    /** The first free port after `after` in the range holding it (PG110's next sequential port). */
    nextAfter(b: PortBinding, after: number): Suggestion;
    private namesIn;
    /**
     * The variable a binding should use: the registry's, else the one written (if well named), else
     * one derived from the service, made unique in its env file (one .env holds one value per name:
     * two containers on one name would move together).
     */
    private variableFor;
    private compute;
    private computeNew;
    /** A free port of the binding's ranges (with `length` free ones from it), handed out; null when they are full. */
    private handOut;
    /** A port away from the binding's own, which another variable holds too (PG303's fix). */
    fresh(b: PortBinding): Suggestion;
}
