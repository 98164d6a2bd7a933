/** The linter: assemble the projects, run every enabled rule, then suppress, suggest, sort. */
import { getOrInsert } from "./collections.js";
import { RuleContext, type SourceText, type StackModel, variableOf } from "./context.js";
import { globMatcher } from "./globs.js";
import type { PortBinding } from "./model.js";
import { DEFAULT_POLICY } from "./policy/default-policy.js";
import type { Policy } from "./policy/types.js";
import { type AssembleOptions, type Assembly, assembleProjects } from "./project.js";
import { type Redactor, runRedactor } from "./redact.js";
import { type FixIntent, type ResolvedIntent, type Rule, type RuleReport, ruleMessage } from "./rule.js";
import { RULE_IDS, RULES } from "./rules/index.js";
import { SuggestionAllocator } from "./suggestions.js";
import { isSuppressed, parseSuppressions, type Suppressed } from "./suppressions.js";
import type { Diagnostic, Report, ResolvedBinding, Severity, SourceTree, Suggestion } from "./types.js";

export interface LintOptions extends AssembleOptions {
  /** Report only diagnostics in files for which this returns true (the whole project is still loaded). */
  reportFilter?: (file: string) => boolean;
  /**
   * The files being changed (a pull request's, a commit's): in a conflict, a binding in an unchanged
   * file keeps its port and the changed one is told to move. Defaults to `reportFilter`.
   */
  changed?: (file: string) => boolean;
}

export function severityOf(policy: Policy, rule: Rule): Severity | "off" {
  return policy.rules[rule.id] ?? rule.severity;
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

/** A lint run with what fixes and docs need: the model, and the fix intents of each diagnostic. */
export interface LintRun {
  /** Redacted: no value of the run's secrets appears in it. */
  report: Report;
  /** The resolved model the diagnostics were found on. */
  model: StackModel;
  /** What fix does about each fixable diagnostic, as the rules said it (not redacted: for fixes, never for output). */
  fixes: Map<Diagnostic, ResolvedIntent[]>;
  /** The run's secrets: every other output of the adapters passes through it. */
  redactor: Redactor;
}

/** Lints a project. Pure: everything it reads comes through `tree`. */
export function lint(tree: SourceTree, policy: Policy = DEFAULT_POLICY, options: LintOptions = {}): Report {
  return lintRun(tree, policy, options).report;
}

interface Collected {
  rule: Rule;
  severity: Severity;
  report: RuleReport;
}

/** Every enabled rule's reports, in catalogue order. */
function runRules(context: RuleContext, policy: Policy): Collected[] {
  const collected: Collected[] = [];
  for (const rule of RULES) {
    const severity = severityOf(policy, rule);
    if (severity === "off") continue;
    rule.check(context, (report) => collected.push({ rule, severity, report }));
  }
  return collected;
}

/** The reports no `portguard-ignore` comment silences (each file's table parsed once, when first asked). */
function unsuppressed(collected: Collected[], texts: Map<string, string>, tree: SourceTree): Collected[] {
  const tables = new Map<string, Map<number, Suppressed>>();
  const resolveId = (token: string) => RULE_IDS.get(token) ?? RULE_IDS.get(token.toUpperCase());
  return collected.filter(({ rule, report }) => {
    const file = report.location.file;
    const table = getOrInsert(tables, file, () => parseSuppressions(texts.get(file) ?? textOf(tree, file), resolveId));
    return !isSuppressed(table, report.location.range.start.line, rule.id);
  });
}

/** The suggestion of a report: the rule's own, the next sequential port, or its binding's. */
function suggestionOf(report: RuleReport, allocator: SuggestionAllocator): Suggestion | undefined {
  if (report.suggestion && "nextAfter" in report.suggestion)
    return allocator.nextAfter(report.suggestion.binding, report.suggestion.nextAfter);
  if (report.suggestion) return report.suggestion;
  return report.binding ? allocator.get(report.binding) : undefined;
}

/** A report as a diagnostic: its redacted arguments and message, positions, service, suggestion. */
function toDiagnostic(
  { rule, severity, report }: Collected,
  args: Diagnostic["args"],
  message: string,
  suggestion: Suggestion | undefined,
): Diagnostic {
  const { start, end } = report.location.range;
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
  if (suggestion && report.binding) {
    // What is written now, so that a suggestion says only what is new.
    const variable = variableOf(report.binding);
    const port = report.binding.hostPort;
    diagnostic.current = cleanSuggestion({
      ...(port !== null ? { port } : {}),
      ...(variable !== null ? { variable } : {}),
    });
  }
  if (report.related && report.related.length > 0) diagnostic.related = report.related;
  return diagnostic;
}

/** Compares two reports as their diagnostics are listed: file, line, column, rule, message (0: a repeat). */
function listingComparer(kept: readonly Collected[], messages: readonly string[]) {
  return (i: number, j: number): number => {
    const a = kept[i] as Collected;
    const b = kept[j] as Collected;
    const fa = a.report.location.file;
    const fb = b.report.location.file;
    if (fa !== fb) return fa < fb ? -1 : 1;
    const sa = a.report.location.range.start;
    const sb = b.report.location.range.start;
    const ma = messages[i] as string;
    const mb = messages[j] as string;
    return (
      sa.line - sb.line ||
      sa.column - sb.column ||
      (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0) ||
      (ma < mb ? -1 : ma > mb ? 1 : 0)
    );
  };
}

/**
 * The diagnostics of the kept reports (one per rule, place and message: the first report of each),
 * with their suggestions, and the fix intents of each, resolved once every suggestion is out (a
 * fresh port for a fix never changes what a diagnostic suggests). Repeats are found in the listing
 * order, where they sit side by side, so that no table of what was said is built.
 */
function diagnose(kept: Collected[], allocator: SuggestionAllocator, redactor: Redactor) {
  // The one redaction point of diagnostics: the arguments, before the message is made of them.
  const args = kept.map(({ report }) => redactArgs(report.args, redactor));
  const messages = kept.map(({ rule, report }, i) =>
    ruleMessage(rule, report.messageId, args[i] as Diagnostic["args"]),
  );
  const compare = listingComparer(kept, messages);
  // Ties in report order, so that the first of repeats comes first.
  const order = kept.map((_, i) => i).sort((i, j) => compare(i, j) || i - j);
  const repeat = new Uint8Array(kept.length);
  for (let k = 1; k < order.length; k++) {
    if (compare(order[k - 1] as number, order[k] as number) === 0) repeat[order[k] as number] = 1;
  }
  // Suggestions are handed out in report order.
  const made: (Diagnostic | undefined)[] = new Array(kept.length);
  const intents: { diagnostic: Diagnostic; item: Collected }[] = [];
  for (let i = 0; i < kept.length; i++) {
    if (repeat[i]) continue;
    const item = kept[i] as Collected;
    const diagnostic = toDiagnostic(
      item,
      args[i] as Diagnostic["args"],
      messages[i] as string,
      suggestionOf(item.report, allocator),
    );
    made[i] = diagnostic;
    if (item.report.fix && item.report.fix.length > 0) intents.push({ diagnostic, item });
  }
  const fixes = new Map<Diagnostic, ResolvedIntent[]>();
  for (const { diagnostic, item } of intents) {
    const { rule, report } = item;
    const resolved = (report.fix ?? []).flatMap((intent) => resolveIntent(rule, intent, report, diagnostic, allocator));
    if (resolved.length > 0) {
      fixes.set(diagnostic, resolved);
      // Fixable exactly when fix has something to do for it.
      diagnostic.fixable = true;
    }
  }
  const diagnostics: Diagnostic[] = [];
  for (const i of order) {
    const diagnostic = made[i];
    if (diagnostic) diagnostics.push(diagnostic);
  }
  return { diagnostics, fixes };
}

/** The bindings the report lists: resolved, not host-networked, each once, in file and line order. */
function listedBindings(model: StackModel, redactor: Redactor): ResolvedBinding[] {
  return model.bindings
    .filter((b) => b.resolved && !model.isHostNetwork(b.service) && isListed(b))
    .map((b) => toResolvedBinding(b, redactor))
    .sort((a, b) => (a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.line - b.line));
}

/**
 * The model of a run and what the rest of the run needs of the loader: the parsed documents stay
 * here, so that they are garbage before the rules run (about 40% of the heap at 1,000 files).
 */
function modelOf(tree: SourceTree, policy: Policy, options: LintOptions) {
  const assembly = assembleProjects(tree, policy, options);
  const docs = policy.docs ? tree.read(policy.docs) : null;
  const docsText = docs?.kind === "text" ? docs.text : null;
  const context = new RuleContext(policy, assembly, docsText, sourceFiles(tree, policy, options.reportFilter ?? null));
  const redactor = runRedactor(assembly, options.processEnv ?? null, publicNames(assembly, policy));
  const texts = new Map<string, string>();
  for (const [path, file] of assembly.composeFiles) texts.set(path, file.text);
  for (const env of assembly.envFiles) texts.set(env.path, env.text);
  return { context, redactor, texts, files: assembly.composeFiles.size + assembly.envFiles.length };
}

/** {@link lint}, keeping the model and the fix intents of each diagnostic. */
export function lintRun(tree: SourceTree, policy: Policy = DEFAULT_POLICY, options: LintOptions = {}): LintRun {
  const { context, redactor, texts, files } = modelOf(tree, policy, options);
  const kept = unsuppressed(runRules(context, policy), texts, tree);
  const allocator = new SuggestionAllocator(context, options.changed ?? options.reportFilter ?? null);
  allocator.allocate(kept.flatMap(({ report }) => (report.binding && !report.suggestion ? [report.binding] : [])));
  const { diagnostics, fixes } = diagnose(kept, allocator, redactor);
  const reported = options.reportFilter ? diagnostics.filter((d) => options.reportFilter?.(d.file)) : diagnostics;

  let bindings: ResolvedBinding[] | undefined;
  const result: Report = {
    diagnostics: reported,
    // Listed when first read: check's reports never read them (50,000 objects at 1,000 files).
    get bindings() {
      bindings ??= listedBindings(context, redactor);
      return bindings;
    },
    set bindings(value) {
      bindings = value;
    },
    summary: {
      errors: reported.filter((d) => d.severity === "error").length,
      warnings: reported.filter((d) => d.severity === "warning").length,
      infos: reported.filter((d) => d.severity === "info").length,
      files,
    },
  };
  const skipped = tree.skipped ?? [];
  if (skipped.length > 0) result.skipped = [...skipped];
  return { report: result, model: context, fixes, redactor };
}

/** An intent with its target: the diagnostic's suggestion, the binding's, or a fresh port. */
function resolveIntent(
  rule: Rule,
  intent: FixIntent,
  report: RuleReport,
  diagnostic: Diagnostic,
  allocator: SuggestionAllocator,
): ResolvedIntent[] {
  if (!rule.fixes.includes(intent.kind)) throw new Error(`${rule.id} emitted a ${intent.kind} fix it does not declare`);
  if (intent.kind !== "bind-port") return [intent];
  const b = intent.binding;
  const own = intent.binding === report.binding && !intent.fresh;
  const s = intent.fresh ? allocator.fresh(b) : own ? diagnostic.suggestion : allocator.get(b);
  const port = s?.port ?? b.hostPort ?? undefined;
  if (s?.variable === undefined || port === undefined) return [];
  // The registry's allocation (a rule's own suggestion) wins over a computed one, a fresh port comes last.
  const rank = intent.fresh ? 2 : own && report.suggestion ? 0 : 1;
  // Written out, not spread: a spread gave each resolved intent a hidden class of its own.
  const resolved: ResolvedIntent = {
    kind: "bind-port",
    binding: b,
    needsMove: intent.needsMove,
    port,
    variable: s.variable,
    rank,
    free: s.port !== undefined,
  };
  if (intent.fresh !== undefined) resolved.fresh = intent.fresh;
  return [resolved];
}

/** The application's source files (PG401): `files.sources` less `files.ignore`, text only; with a filter, the hook's staged ones. */
function sourceFiles(
  tree: SourceTree,
  policy: Policy,
  filter: ((path: string) => boolean) | null,
): () => Iterable<SourceText> {
  return function* () {
    if (policy.files.sources.length === 0) return;
    const isSource = globMatcher(policy.files.sources);
    const ignored = globMatcher(policy.files.ignore);
    for (const path of tree.paths) {
      if (!isSource(path) || ignored(path) || (filter && !filter(path))) continue;
      const read = tree.read(path);
      if (read.kind === "text" && !read.text.includes("\0")) yield { path, text: read.text };
    }
  };
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
