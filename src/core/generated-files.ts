/**
 * The files the build generates from the rules' metadata: a page per rule, the README's rule table
 * and the policy's JSON Schema. scripts/build.mjs bundles this entry on the side; it is not part
 * of the package.
 */

import { renderRuleDoc, ruleDocPath, updateReadmeTable } from "./format/rule-docs.js";
import { policySchema } from "./policy/schema.js";
import { RULES } from "./rules/index.js";

/** Each generated file's path (relative to the project root) and text; `readme` is README.md as it is. */
export function generatedFiles(readme: string): { path: string; text: string }[] {
  return [
    ...RULES.map((rule) => ({ path: ruleDocPath(rule), text: renderRuleDoc(rule) })),
    { path: "README.md", text: updateReadmeTable(readme, RULES) },
    { path: "schema/portguard.schema.json", text: `${JSON.stringify(policySchema(RULES), null, 2)}\n` },
  ];
}
