import type { FileChange, PortMove } from "./fix.js";
import type { Policy } from "./policy/types.js";
import type { SourceTree } from "./types.js";
export interface ClientLine {
    file: string;
    line: number;
    column: number;
    endColumn: number;
    /** The old port, and where its service is now. */
    from: number;
    to: number;
    variable: string;
    service: string;
    /** The matched `host:port` (never the rest of the line: it may hold a password). */
    address: string | null;
    /** For a `.env` line: its key. */
    key: string | null;
    /** A local `host:port` in an env or config file: `--clients` rewrites it to the new port. */
    rewritable: boolean;
    /** Why it is left to a person, when it is. */
    reason: string | null;
}
/**
 * The lines that reach a moved port. `moves` are this run's and earlier runs'; a port that a
 * binding of the project publishes again (`published`) is someone's now and is not reported, and a
 * port two services moved away from cannot be rewritten (which one does the line mean?).
 */
export declare function findClients(tree: SourceTree, policy: Policy, moves: PortMove[], published: ReadonlySet<number>, composeFiles: ReadonlySet<string>): ClientLine[];
/** The rewrites of the rewritable lines: the old port's digits become the new port. */
export declare function rewriteClients(tree: SourceTree, lines: ClientLine[]): FileChange[];
