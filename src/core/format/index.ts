export { policySchema } from "../policy/schema.js";
export { escapeData, escapeProperty, formatGithub, workflowCommand } from "./github.js";
export { type FormatOptions, formatJson, jsonChunks, toJsonDiagnostic } from "./json.js";
export { formatMarkdown, markdownCell } from "./markdown.js";
export { formatPolicy, governedCategories } from "./policy.js";
export {
  formatRulePage,
  renderRuleDoc,
  renderRuleTable,
  ruleDocPath,
  ruleDocUrl,
  updateReadmeTable,
} from "./rule-docs.js";
export { fingerprint, formatSarif } from "./sarif.js";
export { formatCompact, formatStylish, type StylishOptions } from "./stylish.js";
export { suggestionText } from "./suggestion-text.js";
export { alignColumns, formatPortsJson, formatPortsTable, formatRulesJson, formatRulesTable } from "./tables.js";
export { pathToUriReference } from "./uri.js";
