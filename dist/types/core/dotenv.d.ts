/**
 * `.env` parsing exactly as compose-go's `dotenv` package does it, keeping the line and columns of
 * every key so diagnostics can point at it. Error messages never quote a value: `.env` files hold
 * secrets.
 */
import { type Lookup } from "./interpolation.js";
export interface EnvEntry {
    key: string;
    value: string;
    /** 1-based line and columns of the key. */
    line: number;
    column: number;
    endColumn: number;
    /** The value exactly as written after the separator (quotes included), for alias detection. */
    raw: string;
    quote: "" | "'" | '"';
}
export interface EnvParseError {
    message: string;
    line: number;
    column: number;
}
export interface ParsedEnvFile {
    /** The resulting variables (a null-prototype object): later definitions win, as in compose. */
    values: Record<string, string>;
    /** Every definition in file order, duplicates included. */
    entries: EnvEntry[];
    /** compose-go stops at the first error; there is at most one. */
    errors: EnvParseError[];
}
/**
 * Parses the text of a `.env` file. `lookup` is consulted first for `${...}` inside values, as
 * compose consults the process environment; then keys defined earlier in the same file.
 */
export declare function parseEnvFile(text: string, lookup?: Lookup | Record<string, string | undefined> | Map<string, string>): ParsedEnvFile;
