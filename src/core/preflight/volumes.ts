/**
 * Whether each database's data will still be there after `docker compose up`: the named volume
 * compose will mount must exist on the engine, or hold nothing yet. A `name:` pointing at a volume
 * that does not exist while another volume holds the service's data would start the database empty
 * (the data is not deleted, but the service no longer sees it). Pure: the adapter brings the
 * engine's volumes and containers.
 */
import type { StackModel } from "../context.js";
import { interpolate } from "../interpolation.js";
import type { ServiceModel } from "../model.js";
import { dirname } from "../paths.js";
import { dataMounts } from "../volumes.js";
import type { EngineContainer, EngineVolume } from "./docker.js";

export interface VolumeProblem {
  project: string;
  service: string;
  /** The volume's key under `volumes:` and where it is defined. */
  volume: string;
  file: string;
  line: number;
  /** The name compose will mount, which the engine does not have. */
  expected: string;
  /** The volume holding the service's data now. */
  holder: string;
  /** The container mounting it, when one does. */
  container: string | null;
  message: string;
  remedy: string;
}

export interface EngineVolumes {
  volumes: EngineVolume[];
  containers: EngineContainer[];
}

/** The name compose gives a top-level volume: its `name:` (interpolated), else `<project>_<key>`; external volumes keep theirs. */
export function composeVolumeName(
  model: StackModel,
  service: ServiceModel,
  key: string,
  projectName: string,
): string | null {
  const volume = service.project.volumes.get(key);
  if (!volume) return null;
  let named: string | null = null;
  for (const value of model.writtenVolumeNames(volume.location.file, key)) {
    try {
      named = interpolate(value, service.project.environment.lookup);
    } catch {
      return null;
    }
  }
  if (named) return named;
  return volume.external ? key : `${projectName}_${key}`;
}

/**
 * The databases whose named data volume is missing on the engine while another volume holds their
 * data: mounted at the same place by a container of the service (found by its compose labels:
 * project and service, or the project's folder and service), or created by compose for the project.
 */
export function volumeProblems(
  context: StackModel,
  engine: EngineVolumes,
  options: { root: string; include?: (file: string) => boolean },
): VolumeProblem[] {
  const existing = new Set(engine.volumes.map((v) => v.name));
  const problems: VolumeProblem[] = [];
  const seen = new Set<string>();
  for (const service of context.services) {
    if (service.category !== "database") continue;
    if (options.include && !options.include(service.location.file)) continue;
    const project = service.project.name;
    const relative = dirname(service.project.file);
    const folder = relative === "" ? options.root : `${options.root}/${relative}`;
    const containers = engine.containers.filter(
      (c) =>
        c.container.service === service.name &&
        (c.container.project === project || (c.workingDir !== null && c.workingDir === folder)),
    );
    for (const mount of dataMounts(service, context.image(service)).named) {
      const expected = composeVolumeName(context, service, mount.source, project);
      if (expected === null || existing.has(expected)) continue;
      const mounted = containers
        .flatMap((c) => c.mounts.filter((m) => m.destination === mount.target).map((m) => ({ c, name: m.name })))
        .find((m) => m.name !== expected && existing.has(m.name));
      const labelled = engine.volumes.find(
        (v) => v.name !== expected && v.project === project && v.volume === mount.source,
      );
      const holder = mounted?.name ?? labelled?.name;
      if (!holder) continue; // a new volume, nothing to lose
      const volume = service.project.volumes.get(mount.source);
      const key = `${project}\0${service.name}\0${mount.source}`;
      if (!volume || seen.has(key)) continue;
      seen.add(key);
      const container = mounted?.c.container.name ?? null;
      problems.push({
        project,
        service: service.name,
        volume: mount.source,
        file: volume.location.file,
        line: volume.location.range.start.line,
        expected,
        holder,
        container,
        message: `${service.name} would mount volume ${expected}, which does not exist, while its data is in volume ${holder}${container ? ` (mounted by container ${container})` : ""}: docker compose up would start it empty`,
        remedy: `set name: ${holder} on volume ${mount.source} (${volume.location.file}:${volume.location.range.start.line}), or copy the data first (docker volume create ${expected} && docker run --rm -v ${holder}:/from -v ${expected}:/to alpine cp -a /from/. /to/)`,
      });
    }
  }
  return problems;
}
