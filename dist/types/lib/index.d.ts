import { DEFAULT_POLICY } from "../core/policy/default-policy.js";
import type { Policy } from "../core/policy/types.js";
import type { Report, Severity } from "../core/types.js";
export { formatStylish, type StylishOptions } from "../core/format/stylish.js";
export { loadPolicy, PolicyError } from "../core/policy/index.js";
export type { ExtendsResolver, PolicyFile } from "../core/policy/load.js";
export type { Diagnostic, Report, ResolvedBinding, Severity } from "../core/types.js";
export type { Policy };
export { DEFAULT_POLICY };
export interface LintFolderOptions {
    /**
     * A policy file (relative to the folder), as `check --config`. Default: `.portguard.yml`,
     * `.portguard.yaml` or `portguard.config.yml` found from the folder up to the git top level (its
     * folder is the project root), else the built-in default policy.
     */
    config?: string;
    /**
     * Files or folders (relative to the folder) to report on, as `check PATH...`: the whole project
     * is still loaded, so conflicts with the other files are found. Default: all.
     */
    paths?: string[];
    /**
     * Variables that take precedence over `.env`, as the shell's do for `docker compose` (`check
     * --use-process-env`; pass `process.env` for this process's). Default: none, only the files count.
     */
    env?: Record<string, string | undefined>;
}
/**
 * Lints a project folder from disk exactly as `portguard check` does (the report
 * `check --format json` prints): the policy file found from `dir` up, the compose files compose
 * loads and their `.env`, git-ignored compose files skipped. Rejects with the CLI's message when
 * there is nothing to lint or a path is wrong, and with a {@link PolicyError} for an invalid policy.
 */
export declare function lintFolder(dir: string, options?: LintFolderOptions): Promise<Report>;
export interface LintOptions {
    /** The policy; default {@link DEFAULT_POLICY}. {@link loadPolicy} reads one from a config file's text. */
    policy?: Policy;
    /** Variables that take precedence over `.env`, as for {@link lintFolder}. Default: none. */
    env?: Record<string, string | undefined>;
    /**
     * The name of the folder the files are in: compose names the project after it when no `name:`
     * or COMPOSE_PROJECT_NAME says otherwise ({@link lintFolder} uses the folder's). Default: `project`.
     */
    folderName?: string;
}
/**
 * Lints files held in memory, keyed by their path relative to the project root
 * (`{ "compose.yaml": text, ".env": text }`): what {@link lintFolder} does once the files are read.
 */
export declare function lint(files: Record<string, string>, options?: LintOptions): Report;
export interface JsonOptions {
    /** The version the report names. Default: this package's. */
    toolVersion?: string;
}
/** The JSON report (version 1) `portguard check --format json` prints. */
export declare function formatJson(report: Report, options?: JsonOptions): string;
/** One rule of the catalogue, as `portguard rules --format json` lists it. */
export interface RuleInfo {
    /** PG101...: the id configs, suppressions and reports use. */
    id: string;
    /** protected-range...: accepted wherever the id is. */
    name: string;
    /** The severity when the policy does not set one. */
    severity: Severity;
    description: string;
    /** Whether `portguard fix` fixes some of its findings. */
    fixable: boolean;
    /** The rule's documentation page. */
    url: string;
}
/** Every rule, in catalogue order. */
export declare const RULES: readonly RuleInfo[];
