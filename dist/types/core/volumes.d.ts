/** Which mounts of a database hold its data. */
import { type KnownImage } from "./images.js";
import type { MountModel, ServiceModel } from "./model.js";
/** A mount covers a data directory when it is mounted on it or on one of its parents. */
export declare function covers(mount: MountModel, dataDirs: readonly string[]): boolean;
/** A mount whose data goes with the container or stays on the host's path. */
export type UnsafeMount = MountModel & {
    kind: "bind" | "anonymous" | "tmpfs";
};
export interface DataMounts {
    /** Named volumes that hold the data. */
    named: MountModel[];
    /** A bind, anonymous or tmpfs mount where the data lives, or the first such mount. */
    unsafe: UnsafeMount | null;
}
/**
 * The mounts holding a database's data. With a known data directory, the mounts on it; without
 * one (or when a named volume sits elsewhere, as with a custom PGDATA), every named volume.
 */
export declare function dataMounts(service: ServiceModel, known: KnownImage | null): DataMounts;
/**
 * Whether recreating the container (as a port change does) loses a database's data: it keeps it
 * in the container (no volume) or in tmpfs. A database that keeps no data on purpose loses none.
 */
export declare function losesDataOnRecreate(service: ServiceModel): boolean;
/** The label that says a database keeps no data on purpose (a cache): PG201 and PG202 leave it alone. */
export declare const NO_DATA_LABEL = "portguard.data";
export declare function keepsNoData(service: ServiceModel): boolean;
