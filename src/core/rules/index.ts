/**
 * The rule catalogue, in report and documentation order. Ids are a public contract: never reuse
 * or renumber one. Retired ids stay listed here as comments.
 */
import type { Rule } from "../rule.js";
import { parseError } from "./PG001-parse-error.js";
import { protectedRange } from "./PG101-protected-range.js";
import { categoryRange } from "./PG102-category-range.js";
import { hardcodedHostPort } from "./PG103-hardcoded-host-port.js";
import { missingDefault } from "./PG104-missing-default.js";
import { undefinedVariable } from "./PG105-undefined-variable.js";
import { envDrift } from "./PG106-env-drift.js";
import { portConflict } from "./PG107-port-conflict.js";
import { containerPortChanged } from "./PG108-container-port-changed.js";
import { variableName } from "./PG109-variable-name.js";
import { sequentialInstances } from "./PG110-sequential-instances.js";
import { registryMismatch } from "./PG111-registry-mismatch.js";
import { undocumentedPort } from "./PG112-undocumented-port.js";
import { unpinnedPort } from "./PG113-unpinned-port.js";
import { undeclaredVariable } from "./PG114-undeclared-variable.js";
import { databaseVolume } from "./PG201-database-volume.js";
import { volumeName } from "./PG202-volume-name.js";
import { databaseHealthcheck } from "./PG203-database-healthcheck.js";
import { envPortValue } from "./PG301-env-port-value.js";
import { envDuplicateKey } from "./PG302-env-duplicate-key.js";
import { envPortCollision } from "./PG303-env-port-collision.js";
import { hardcodedPortInSource } from "./PG401-hardcoded-port-in-source.js";

export const RULES: readonly Rule[] = [
  parseError,
  protectedRange,
  categoryRange,
  hardcodedHostPort,
  missingDefault,
  undefinedVariable,
  envDrift,
  portConflict,
  containerPortChanged,
  variableName,
  sequentialInstances,
  registryMismatch,
  undocumentedPort,
  unpinnedPort,
  undeclaredVariable,
  databaseVolume,
  volumeName,
  databaseHealthcheck,
  envPortValue,
  envDuplicateKey,
  envPortCollision,
  hardcodedPortInSource,
];

/** Rule ids and names, both mapping to the id (configs and suppressions accept either). */
export const RULE_IDS: ReadonlyMap<string, string> = new Map(
  RULES.flatMap((r) => [[r.id, r.id] as const, [r.name, r.id] as const]),
);
