import type { FileRead, SkippedPath, SourceTree } from "../core/types.js";
declare function toPosix(p: string): string;
export declare class WorkingTree implements SourceTree {
    readonly root: string;
    private readonly ignore;
    private readonly realRoot;
    private readonly cache;
    /** Answers of `exists` for paths not read (many services name the same `env_file:`). */
    private readonly looked;
    private listed;
    private readonly unlisted;
    constructor(root: string, ignore: readonly string[]);
    /** Every file and folder below the root, pruned of ignored folders (walked on first use). */
    get paths(): string[];
    /** Folders that could not be listed, and why: their files are not checked, and the summary says so. */
    get skipped(): SkippedPath[];
    /** The walk, with a stack of folders (no recursion, however deep the tree). */
    private walk;
    read(path: string): FileRead;
    /** One lstat, where a read would open and decode the file (an `env_file:` is only looked for). */
    exists(path: string): boolean;
    private lookFor;
    /** Paths outside the root (`../shared/base.yaml`, an absolute env_file) are read as compose reads them. */
    private absolute;
    private readUncached;
}
export { toPosix };
