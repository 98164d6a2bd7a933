import { getOrInsert } from "./collections.js";
import type { RuleContext } from "./context.js";
import type { Location, PortBinding, ServiceModel } from "./model.js";
import type { Range, RelatedLocation, Severity, Suggestion } from "./types.js";

/** A small project used as a documentation example: file path -> text. */
export interface RuleExample {
  description: string;
  files: Record<string, string>;
}

export interface RuleDocs {
  /** Why the rule exists, a paragraph. */
  rationale: string;
  bad: RuleExample;
  good: RuleExample;
  /** When it is fine to suppress or turn the rule off. */
  exceptions?: string;
}

/**
 * Write a binding's host port as `${variable:-port}`: the expression, the `.env` value that binds
 * and the variable's declaration follow. The port and variable are the diagnostic's suggestion.
 */
export interface BindPortIntent {
  kind: "bind-port";
  binding: PortBinding;
  /**
   * The finding goes only when the port moves: it stays when fix keeps the port (a database that
   * would lose its data, a binding whose suggestion is its own port).
   */
  needsMove: boolean;
  /** A port away from the current one, even where the binding sits well (PG303: the port is another's). */
  fresh?: boolean;
}

/** Give a top-level volume definition an explicit `name:`. */
export interface NameVolumeIntent {
  kind: "name-volume";
  file: string;
  /** The volume's key in `volumes:`. */
  key: Range;
  name: string;
}

interface FixIntents {
  "bind-port": BindPortIntent;
  "name-volume": NameVolumeIntent;
}
export type FixKind = keyof FixIntents;
/** What `portguard fix` should do about a finding; the fix engine turns intents into safe text edits. */
export type FixIntent<K extends FixKind = FixKind> = FixIntents[K];

/** An intent the linter gave its target: what fix plans. */
export type ResolvedIntent =
  | (BindPortIntent & {
      port: number;
      variable: string;
      /** Which target wins on one binding: 0 a rule's own (the registry's), 1 the suggestion, 2 a fresh port. */
      rank: number;
      /** False when no free port was found: `port` is then the binding's own. */
      free: boolean;
    })
  | NameVolumeIntent;

/** A diagnostic as a rule emits it; the linter fills in severity, suggestion and text. */
export interface RuleReport<M extends string = string, K extends FixKind = FixKind> {
  messageId: M;
  args: Record<string, string | number>;
  location: Location;
  service?: ServiceModel;
  /** The binding the diagnostic is about: it then gets the binding's suggestion. */
  binding?: PortBinding;
  /** A suggestion of the rule's own (registry allocation, next sequential port). */
  suggestion?: Suggestion | { nextAfter: number; binding: PortBinding };
  related?: RelatedLocation[];
  /** What fix does about it: only kinds the rule declares in `fixes`. */
  fix?: FixIntent<K>[];
}

export interface Rule<M extends string = string, K extends FixKind = FixKind> {
  id: string;
  name: string;
  severity: Severity;
  description: string;
  messages: Record<M, string>;
  docs: RuleDocs;
  /** The fix intents the rule emits: a rule is fixable (`portguard fix`) exactly when this is not empty. */
  fixes: readonly K[];
  check(context: RuleContext, report: (r: RuleReport<M, K>) => void): void;
}

/** Declares a rule: its message ids and fix kinds become the only ones its reports may use. */
export function defineRule<const M extends string, const K extends FixKind = never>(rule: Rule<M, K>): Rule<M, K> {
  return rule;
}

/** Whether `portguard fix` can fix some of the rule's findings. */
export function isFixable(rule: Pick<Rule, "fixes">): boolean {
  return rule.fixes.length > 0;
}

/** A report's message: an id the rule does not declare is a programming error, never a fallback. */
export function ruleMessage(rule: Rule, messageId: string, args: Record<string, string | number>): string {
  const template = Object.hasOwn(rule.messages, messageId) ? rule.messages[messageId] : undefined;
  if (template === undefined) throw new Error(`${rule.id} reported an unknown message id: ${messageId}`);
  return renderMessage(template, args);
}

/** A template cut at its placeholders: text, name, text, name, ..., text (the names at odd indices). */
const compiled = new Map<string, string[]>();

/** `template` with each `{{name}}` replaced by its argument (an unknown name stays, as `{{name}}`). */
export function renderMessage(template: string, args: Record<string, string | number>): string {
  const parts = getOrInsert(compiled, template, () => template.split(/\{\{\s*(\w+)\s*\}\}/));
  if (parts.length === 1) return template;
  // Joined, not added up: `+=` would keep each message as a tree of its pieces (tens of MB at
  // 50,000 findings); join makes one flat string.
  const out = parts.slice();
  for (let i = 1; i < out.length; i += 2) {
    const name = out[i] as string;
    out[i] = Object.hasOwn(args, name) ? String(args[name]) : `{{${name}}}`;
  }
  return out.join("");
}
