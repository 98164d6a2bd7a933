/**
 * Whether each database's data will still be there after `docker compose up`: the named volume
 * compose will mount must exist on the engine, or hold nothing yet. A `name:` pointing at a volume
 * that does not exist while another volume holds the service's data would start the database empty
 * (the data is not deleted, but the service no longer sees it). Pure: the adapter brings the
 * engine's volumes and containers.
 */
import type { StackModel } from "../context.js";
import type { ServiceModel } from "../model.js";
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
export declare function composeVolumeName(model: StackModel, service: ServiceModel, key: string, projectName: string): string | null;
/**
 * The databases whose named data volume is missing on the engine while another volume holds their
 * data: mounted at the same place by a container of the service (found by its compose labels:
 * project and service, or the project's folder and service), or created by compose for the project.
 */
export declare function volumeProblems(context: StackModel, engine: EngineVolumes, options: {
    root: string;
    include?: (file: string) => boolean;
}): VolumeProblem[];
