/**
 * The one place secrets are taken out of what portguard prints. `.env` files hold passwords and
 * keys; interpolation can carry them into any value a message quotes (a container port, a host IP,
 * a default, an include path, a category). Every diagnostic and every binding of a lint run passes
 * through the run's {@link Redactor}, which replaces each such value by the name of its variable
 * (`${API_KEY}`); the adapters pass their other output through it too.
 *
 * Values are found by content: the run's env values that could be secrets (not port numbers, not
 * shorter than 4 characters, not compose's own COMPOSE_* settings), matched without regard to case
 * (compose lowercases a protocol). A value inside a name the project shows anyway (a service, a
 * file, a variable) is left alone, so a service called `postgres` keeps its name when
 * `POSTGRES_USER=postgres`. The compose model names the variable in its own messages already (it
 * knows where each part of a value came from, which finds parts and short values too); this
 * catches every other place, and code that knows more can add it with {@link Redactor.add}.
 */
import type { Assembly } from "./project.js";
export interface SecretValue {
    variable: string;
    value: string;
}
/** Shorter values are everywhere in ordinary text (`tcp`, `dev`) and guard nothing worth hiding. */
export declare const MIN_SECRET_LENGTH = 4;
/** Whether a value of a `.env` variable is treated as a secret. */
export declare function mayBeSecret(value: string): boolean;
export declare class Redactor {
    /** Names the output shows anyway: services, files, variables. */
    private readonly publicNames;
    private needles;
    private readonly seen;
    constructor(secrets?: Iterable<SecretValue>, 
    /** Names the output shows anyway: services, files, variables. */
    publicNames?: readonly string[]);
    /** Treats `value` as a secret from `variable` from now on. */
    add(variable: string, value: string): void;
    get size(): number;
    /** `text` with every secret replaced by `${VARIABLE}`. */
    redact(text: string): string;
    /** A copy of `data` (plain JSON data: a report) with every string in it redacted. */
    redactData<T>(data: T): T;
}
/**
 * The values of a lint run that may be secrets: every env file value that reads as one, and the
 * process environment's values of the variables the compose and env files refer to (with
 * `--use-process-env`).
 */
export declare function secretValues(assembly: Assembly, processEnv: Record<string, string | undefined> | null): SecretValue[];
/** A redactor for a lint run: its secrets, with the project's own names left alone. */
export declare function runRedactor(assembly: Assembly, processEnv: Record<string, string | undefined> | null, publicNames: Iterable<string>): Redactor;
