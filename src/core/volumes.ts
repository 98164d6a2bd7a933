/** Which mounts of a database hold its data. */
import { type KnownImage, knownImage } from "./images.js";
import type { MountModel, ServiceModel } from "./model.js";

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, "") : path;
}

/** A mount covers a data directory when it is mounted on it or on one of its parents. */
export function covers(mount: MountModel, dataDirs: readonly string[]): boolean {
  const target = trimSlash(mount.target);
  return dataDirs.some((dir) => {
    const d = trimSlash(dir);
    return d === target || d.startsWith(`${target}/`);
  });
}

/** A mount whose data goes with the container or stays on the host's path. */
export type UnsafeMount = MountModel & { kind: "bind" | "anonymous" | "tmpfs" };

function isUnsafe(m: MountModel): m is UnsafeMount {
  return m.kind === "bind" || m.kind === "anonymous" || m.kind === "tmpfs";
}

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
export function dataMounts(service: ServiceModel, known: KnownImage | null): DataMounts {
  const dirs = known?.dataDirs ?? [];
  const named = service.mounts.filter((m) => m.kind === "volume");
  if (dirs.length > 0) {
    const onData = service.mounts.filter((m) => covers(m, dirs));
    const namedOnData = onData.filter((m) => m.kind === "volume");
    if (namedOnData.length > 0) return { named: namedOnData, unsafe: null };
    const unsafeOnData = onData.find(isUnsafe);
    if (unsafeOnData) return { named: [], unsafe: unsafeOnData };
    // Another mount (a config file, a socket) is not where the data is: the data has none.
    return { named, unsafe: null };
  }
  const unsafe =
    named.length > 0 ? null : (service.mounts.find((m): m is UnsafeMount => isUnsafe(m) && !looksLikeFile(m)) ?? null);
  return { named, unsafe };
}

/**
 * Whether recreating the container (as a port change does) loses a database's data: it keeps it
 * in the container (no volume) or in tmpfs. A database that keeps no data on purpose loses none.
 */
export function losesDataOnRecreate(service: ServiceModel): boolean {
  if (service.category !== "database" || keepsNoData(service)) return false;
  const known = knownImage(service.imageName);
  if (known && known.dataDirs.length === 0) return false;
  const { named, unsafe } = dataMounts(service, known);
  return named.length === 0 && (unsafe === null || unsafe.kind === "tmpfs");
}

/** A mount on a path with a file extension (`redis.conf`, `init.sql`) is a file of configuration, not data. */
function looksLikeFile(mount: MountModel): boolean {
  return /\/[^/]*[^/.]\.[A-Za-z0-9]{1,8}$/.test(trimSlash(mount.target));
}

/** The label that says a database keeps no data on purpose (a cache): PG201 and PG202 leave it alone. */
export const NO_DATA_LABEL = "portguard.data";

export function keepsNoData(service: ServiceModel): boolean {
  return service.labels.get(NO_DATA_LABEL) === "none";
}
