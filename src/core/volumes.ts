/** Which mounts of a database hold its data. */
import type { KnownImage } from "./images.js";
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

export interface DataMounts {
  /** Named volumes that hold the data. */
  named: MountModel[];
  /** A bind, anonymous or tmpfs mount where the data lives, or the first such mount. */
  unsafe: MountModel | null;
}

/**
 * The mounts holding a database's data. With a known data directory, the mounts on it; without
 * one (or when a named volume sits elsewhere, as with a custom PGDATA), every named volume.
 */
export function dataMounts(service: ServiceModel, known: KnownImage | null): DataMounts {
  const dirs = known?.dataDirs ?? [];
  const named = service.mounts.filter((m) => m.kind === "volume");
  const unsafeKinds = (m: MountModel) => m.kind === "bind" || m.kind === "anonymous" || m.kind === "tmpfs";
  if (dirs.length > 0) {
    const onData = service.mounts.filter((m) => covers(m, dirs));
    const namedOnData = onData.filter((m) => m.kind === "volume");
    if (namedOnData.length > 0) return { named: namedOnData, unsafe: null };
    const unsafeOnData = onData.find(unsafeKinds);
    if (unsafeOnData) return { named: [], unsafe: unsafeOnData };
    // Another mount (a config file, a socket) is not where the data is: the data has none.
    return { named, unsafe: null };
  }
  const unsafe = named.length > 0 ? null : (service.mounts.find((m) => unsafeKinds(m) && !looksLikeFile(m)) ?? null);
  return { named, unsafe };
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
