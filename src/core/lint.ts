/** The linter: assemble the projects, run every enabled rule, then suppress, suggest, sort. */
import { RuleContext, variableOf } from "./context.js";
import type { PortBinding } from "./model.js";
import { DEFAULT_POLICY } from "./policy/default-policy.js";
import type { Policy } from "./policy/types.js";
import { type AssembleOptions, type Assembly, assembleProjects } from "./project.js";
import { type Redactor, runRedactor } from "./redact.js";
import { type Rule, type RuleReport, renderMessage } from "./rule.js";
import { RULE_IDS, RULES } from "./rules/index.js";
import { SuggestionAllocator } from "./suggestions.js";
import { isSuppressed, parseSuppressions, type Suppressed } from "./suppressions.js";
import type { Diagnostic, Report, ResolvedBinding, Severity, SourceTree, Suggestion } from "./types.js";

export interface LintOptions extends AssembleOptions {
  /** Report only diagnostics in files for which this returns true (the whole project is still loaded). */
  reportFilter?: (file: string) => boolean;
  /** Extra rules run after the built-in ones (adapters add source scanning this way). */
  extraRules?: readonly Rule[];
  /**
   * The files being changed (a pull request's, a commit's): in a conflict, a binding in an unchanged
   * file keeps its port and the changed one is told to move. Defaults to `reportFilter`.
   */
  changed?: (file: string) => boolean;
}

export function severityOf(policy: Policy, rule: Rule): Severity | "off" {
  return policy.rules[rule.id] ?? rule.severity;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.line - b.line ||
    a.column - b.column ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

function toResolvedBinding(b: PortBinding, redactor: Redactor): ResolvedBinding {
  const def = b.defaultValue;
  return {
    file: b.location.file,
    line: b.location.range.start.line,
    service: b.service.name,
    category: redactor.redact(b.service.category),
    hostIp: redactor.redact(b.hostIp),
    hostPort: b.hostPort,
    hostPortEnd: b.hostPort === null ? null : b.hostPortEnd,
    containerPort: b.containerPort,
    containerPortEnd: b.containerPortEnd,
    protocol: b.protocol,
    variable: variableOf(b),
    default: def === null ? null : /^[0-9]+$/.test(def) ? Number(def) : redactor.redact(def),
    project: redactor.redact(b.service.project.name),
    profiles: b.service.profiles.map((p) => redactor.redact(p)),
    variant: b.service.project.variant,
  };
}

/** A binding as listed once: a variant lists what its own file writes, the default stack the rest. */
function isListed(b: PortBinding): boolean {
  const variant = b.service.project.variant;
  return variant === null || b.location.file === variant;
}

/** Names every output shows anyway: a secret inside one of them is not what gives it away. */
function publicNames(assembly: Assembly, policy: Policy): string[] {
  const names = [...assembly.composeFiles.keys(), ...(policy.docs ? [policy.docs] : [])];
  for (const env of assembly.envFiles) names.push(env.path, ...env.parsed.entries.map((e) => e.key));
  for (const project of assembly.projects) {
    names.push(...project.volumes.keys());
    for (const service of project.services) names.push(service.name);
  }
  return names;
}

/** Arguments with every secret of the run replaced by its variable's name. */
function redactArgs(args: Record<string, string | number>, redactor: Redactor): Record<string, string | number> {
  if (redactor.size === 0) return args;
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(args)) out[k] = typeof v === "string" ? redactor.redact(v) : v;
  return out;
}

/** A lint run with what fixes and docs need: the model, and the rule report behind each diagnostic. */
export interface LintRun {
  /** Redacted: no value of the run's secrets appears in it. */
  report: Report;
  context: RuleContext;
  /** The rule reports as the rules made them (not redacted: for fixes, never for output). */
  origins: Map<Diagnostic, RuleReport>;
  /** The run's secrets: every other output of the adapters passes through it. */
  redactor: Redactor;
}

/** Lints a project. Pure: everything it reads comes through `tree`. */
export function lint(tree: SourceTree, policy: Policy = DEFAULT_POLICY, options: LintOptions = {}): Report {
  return lintRun(tree, policy, options).report;
}

/** {@link lint}, keeping the model and where each diagnostic comes from. */
export function lintRun(tree: SourceTree, policy: Policy = DEFAULT_POLICY, options: LintOptions = {}): LintRun {
  const assembly = assembleProjects(tree, policy, options);
  let docsText: string | null = null;
  if (policy.docs) {
    const read = tree.read(policy.docs);
    if (read.kind === "text") docsText = read.text;
  }
  const context = new RuleContext(policy, assembly, docsText, tree, options.reportFilter ?? null);
  const redactor = runRedactor(assembly, options.processEnv ?? null, publicNames(assembly, policy));

  const collected: { rule: Rule; severity: Severity; report: RuleReport }[] = [];
  for (const rule of [...RULES, ...(options.extraRules ?? [])]) {
    const severity = severityOf(policy, rule);
    if (severity === "off") continue;
    rule.check(context, (report) => collected.push({ rule, severity, report }));
  }

  const texts = new Map<string, string>();
  for (const [path, file] of assembly.composeFiles) texts.set(path, file.text);
  for (const env of assembly.envFiles) texts.set(env.path, env.text);
  const suppressionTables = new Map<string, Map<number, Suppressed>>();
  const resolveId = (token: string) => RULE_IDS.get(token) ?? RULE_IDS.get(token.toUpperCase());
  const suppressed = (file: string, line: number, rule: string): boolean => {
    let table = suppressionTables.get(file);
    if (!table) {
      table = parseSuppressions(texts.get(file) ?? textOf(tree, file), resolveId);
      suppressionTables.set(file, table);
    }
    return isSuppressed(table, line, rule);
  };
  const kept = collected.filter(
    ({ rule, report }) => !suppressed(report.location.file, report.location.range.start.line, rule.id),
  );

  const allocator = new SuggestionAllocator(context, options.changed ?? options.reportFilter ?? null);
  allocator.allocate(kept.flatMap(({ report }) => (report.binding && !report.suggestion ? [report.binding] : [])));

  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const origins = new Map<Diagnostic, RuleReport>();
  for (const { rule, severity, report } of kept) {
    const { start, end } = report.location.range;
    // The one redaction point of diagnostics: the arguments, before the message is made of them.
    const args = redactArgs(report.args, redactor);
    const message = renderMessage(rule.messages[report.messageId] ?? report.messageId, args);
    const key = `${rule.id}\0${report.location.file}\0${start.line}:${start.column}\0${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let suggestion: Suggestion | undefined;
    if (report.suggestion && "nextAfter" in report.suggestion) {
      suggestion = allocator.nextAfter(report.suggestion.binding, report.suggestion.nextAfter);
    } else if (report.suggestion) {
      suggestion = report.suggestion;
    } else if (report.binding) {
      suggestion = allocator.get(report.binding);
    }
    const diagnostic: Diagnostic = {
      rule: rule.id,
      name: rule.name,
      severity,
      messageId: report.messageId,
      args,
      message,
      file: report.location.file,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
    };
    const service = report.service?.name ?? report.binding?.service.name;
    if (service !== undefined) diagnostic.service = service;
    if (suggestion) diagnostic.suggestion = cleanSuggestion(suggestion);
    if (report.related && report.related.length > 0) diagnostic.related = report.related;
    diagnostics.push(diagnostic);
    origins.set(diagnostic, report);
  }
  diagnostics.sort(compareDiagnostics);
  const reported = options.reportFilter ? diagnostics.filter((d) => options.reportFilter?.(d.file)) : diagnostics;

  const bindings = context.bindings
    .filter((b) => b.resolved && !context.isHostNetwork(b.service) && isListed(b))
    .map((b) => toResolvedBinding(b, redactor))
    .sort((a, b) => (a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.line - b.line));

  const result: Report = {
    diagnostics: reported,
    bindings,
    summary: {
      errors: reported.filter((d) => d.severity === "error").length,
      warnings: reported.filter((d) => d.severity === "warning").length,
      infos: reported.filter((d) => d.severity === "info").length,
      files: assembly.composeFiles.size + assembly.envFiles.length,
    },
  };
  const skipped = tree.skipped ?? [];
  if (skipped.length > 0) result.skipped = [...skipped];
  return { report: result, context, origins, redactor };
}

function textOf(tree: SourceTree, file: string): string {
  const read = tree.read(file);
  return read.kind === "text" ? read.text : "";
}

function cleanSuggestion(s: Suggestion): Suggestion {
  const out: Suggestion = {};
  if (s.port !== undefined) out.port = s.port;
  if (s.variable !== undefined) out.variable = s.variable;
  return out;
}
