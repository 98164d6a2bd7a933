import { type ComposeSummary } from "./compose-file.js";
import { type EnvFileModel, type Location, type ProjectModel } from "./model.js";
import type { Policy } from "./policy/types.js";
import type { Range, SourceTree } from "./types.js";
export declare const BASE_FILES: string[];
export declare const OVERRIDE_FILES: string[];
/** Suffixes of `.env` that name a committed stand-in for it (`fix` creates the first). */
export declare const STAND_IN_SUFFIXES: string[];
/** Files larger than this are reported instead of parsed. */
export declare const MAX_FILE_BYTES: number;
/** The stand-ins of an env file, in the order they are looked for. */
export declare function standInsOf(envPath: string): string[];
export interface FileProblem {
    file: string;
    range: Range | null;
    message: string;
}
export interface AssembleOptions {
    /** The process environment, when the user asked for it (`--use-process-env`). */
    processEnv?: Record<string, string | undefined> | null;
    /** The project root folder's name, for compose's default project name. */
    rootName?: string;
    /** Files to treat as compose files although `files.compose` does not match them (named on the command line). */
    extraCompose?: readonly string[];
    /**
     * The project name compose is given (`-p NAME`; a valid name), for commands that look at what a
     * `docker compose up` started: it names every project, before COMPOSE_PROJECT_NAME and `name:`.
     */
    projectName?: string | null;
}
export interface Assembly {
    projects: ProjectModel[];
    /** Every compose file read, in the order it was read. */
    composeFiles: Map<string, ComposeSummary>;
    /** Every env file that supplies values, plus the central one. */
    envFiles: EnvFileModel[];
    /** The central env file (or its stand-in), when one exists. */
    centralEnv: EnvFileModel | null;
    problems: FileProblem[];
    /** How many files were read. */
    fileCount: number;
}
declare const ZERO_RANGE: Range;
/** compose-go's NormalizeProjectName: lower case, only `[a-z0-9_-]`, no leading `_` or `-`. */
export declare function normalizeProjectName(name: string): string;
/** Whether compose accepts `name` as a project name as it is (`-p`, COMPOSE_PROJECT_NAME). */
export declare function isValidProjectName(name: string): boolean;
/** Discovers and loads every compose project of the tree. */
export declare function assembleProjects(tree: SourceTree, policy: Policy, options?: AssembleOptions): Assembly;
export type { Location };
export { ZERO_RANGE };
