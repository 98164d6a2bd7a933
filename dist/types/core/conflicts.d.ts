import type { PortBinding } from "./model.js";
export interface Address {
    /** "any" = every address of every family (no host IP given). */
    family: "any" | 4 | 6;
    /** null = every address of the family (0.0.0.0, ::). */
    key: string | null;
}
export declare function addressOf(hostIp: string): Address;
export declare function addressesOverlap(a: Address, b: Address): boolean;
/**
 * Whether the containers of two bindings can run at the same time: not when they are alternatives
 * (the default stack of a folder and its variants, or two definitions of one container), not when
 * their services' profiles are both set and disjoint (unless those profiles are started together).
 */
export declare function canRunTogether(a: PortBinding, b: PortBinding, together: readonly (readonly string[])[]): boolean;
/**
 * Partners kept per binding: thousands of services on one port would otherwise cost memory (and
 * output) quadratic in their number.
 */
export declare const MAX_PARTNERS = 64;
/**
 * The conflicts among `bindings` (all on one host, all with a host port): for each binding involved,
 * the bindings it collides with (the first {@link MAX_PARTNERS} found), in input order.
 */
export declare function findConflicts(bindings: readonly PortBinding[], runTogether?: (a: PortBinding, b: PortBinding) => boolean): Map<PortBinding, PortBinding[]>;
