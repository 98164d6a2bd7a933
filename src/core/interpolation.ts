/**
 * Variable interpolation exactly as compose-go's `template` package performs it, including its
 * quirks (the greedy match up to the last `}`, the text after the first closing brace being
 * substituted again, the operator chosen by earliest occurrence). Besides the resulting string it
 * records which top-level variable produced which part of the output, so callers can tell whether
 * a host port came from `${VAR:-default}` or from literal text.
 */

/** `(value, true)` when the variable is set (possibly empty), `(undefined, false)` when unset. */
export type Lookup = (name: string) => string | undefined;

export type Operator = "" | ":-" | "-" | ":?" | "?" | ":+" | "+";

/** One `$NAME` or `${NAME...}` expression at the top level of a template. */
export interface VariableReference {
  name: string;
  operator: Operator;
  /** The text after the operator, as written (a default, an error message or an alternate). */
  argument: string | null;
  braced: boolean;
  /** Offsets of the whole expression in the template. */
  start: number;
  end: number;
  /** Where the inserted value came from. */
  source: "variable" | "default" | "alternate" | "unset";
}

/** A piece of the output: literal template text, or the value of one top-level reference. */
export interface Segment {
  text: string;
  /** Offset of `text` in the output string. */
  start: number;
  /** Where the segment was written in the template: [start, end). */
  templateStart: number;
  templateEnd: number;
  reference: VariableReference | null;
}

/** `${VAR:-default}` or `${VAR-default}`: the reference carries a fallback. */
export function hasDefault(reference: Pick<VariableReference, "operator">): boolean {
  return reference.operator === ":-" || reference.operator === "-";
}

export class InterpolationError extends Error {
  constructor(
    message: string,
    /** "syntax" for an invalid template, "required" for a missing `${VAR:?}` value. */
    readonly kind: "syntax" | "required",
    /** Offset in the template of the expression that failed. */
    readonly offset: number,
    readonly variable?: string,
  ) {
    super(message);
    this.name = "InterpolationError";
  }
}

export interface Interpolated {
  value: string;
  segments: Segment[];
  references: VariableReference[];
}

// compose-go: \$(?i:(?P<escaped>\$)|(?P<named>[_a-z][_a-z0-9]*)|{(?:(?P<braced>[_a-z][_a-z0-9]*(?::?[-+?](.*))?)}|(?P<invalid>)))
// Go's `.` never matches a newline; JavaScript's also skips \r and U+2028/9, hence [^\n].
const PATTERN = /\$(?:(\$)|([_a-z][_a-z0-9]*)|\{(?:([_a-z][_a-z0-9]*(?::?[-+?][^\n]*)?)\}|()))/gi;

const OPERATORS: readonly Operator[] = [":?", "?", ":-", "-", ":+", "+"];

/** The operator compose-go applies: the one whose text occurs earliest in the matched expression. */
function operatorOf(expression: string): Operator {
  let best: Operator = "";
  let bestIndex = Number.POSITIVE_INFINITY;
  for (const op of OPERATORS) {
    const i = expression.indexOf(op);
    if (i >= 0 && i < bestIndex) {
      best = op;
      bestIndex = i;
    }
  }
  return best;
}

/** compose-go's getFirstBraceClosingIndex, including its skip of the character after `{`. */
function firstClosingBrace(s: string): number {
  let open = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x7d) {
      open--;
      if (open === 0) return i;
    }
    if (c === 0x7b) {
      open++;
      i++;
    }
  }
  return -1;
}

const FIRST = new RegExp(PATTERN.source, "i");

function matchOne(text: string): RegExpExecArray {
  const m = FIRST.exec(text);
  // The text always starts with a match of PATTERN (see substituteMatch).
  if (!m) throw new Error(`internal: no expression in ${text}`);
  return m;
}

interface Substitution {
  value: string;
  source: VariableReference["source"];
  name: string;
  operator: Operator;
  argument: string | null;
  braced: boolean;
  rest: Interpolated | null;
}

function substituteMatch(matched: string, lookup: Lookup, offset: number): Substitution | null {
  const operator = operatorOf(matched);
  const closing = firstClosingBrace(matched);
  let head = matched;
  let restText = "";
  if (closing > -1) {
    restText = matched.slice(closing + 1);
    head = matched.slice(0, closing + 1);
  }
  const m = matchOne(head);
  if (m[1] !== undefined) return null; // `$$`: the caller emits a literal `$`
  const named = m[2] ?? "";
  const bracedText = m[3] ?? "";
  const braced = named === "";
  const substitution = braced ? bracedText : named;
  if (substitution === "") {
    throw new InterpolationError(`invalid interpolation format "${head}"`, "syntax", offset);
  }
  if (braced && operator !== "" && substitution.includes(operator)) {
    const cut = substitution.indexOf(operator);
    const name = substitution.slice(0, cut);
    const argument = substitution.slice(cut + operator.length);
    const value = lookup(name);
    const base = { name, operator, argument, braced, rest: null as Interpolated | null };
    let result: Substitution;
    // compose's compose-go (v2.x, as docker compose v2.40 links it) expands the argument whether
    // or not it is used: an error in a default is an error even when the variable is set.
    const argumentValue = nested(argument, lookup, offset).value;
    switch (operator) {
      case ":-":
      case "-": {
        const useDefault = value === undefined || (operator === ":-" && value === "");
        result = useDefault
          ? { ...base, value: argumentValue, source: "default" }
          : { ...base, value: value, source: "variable" };
        break;
      }
      case ":+":
      case "+": {
        const present = value !== undefined && (operator === "+" || value !== "");
        result = present
          ? { ...base, value: argumentValue, source: "alternate" }
          : { ...base, value: value ?? "", source: value === undefined ? "unset" : "variable" };
        break;
      }
      default: {
        const valid = value !== undefined && (operator === "?" || value !== "");
        if (!valid) {
          const reason = argumentValue;
          throw new InterpolationError(
            reason === ""
              ? `required variable ${name} is missing a value`
              : `required variable ${name} is missing a value: ${reason}`,
            "required",
            offset,
            name,
          );
        }
        result = { ...base, value: value, source: "variable" };
      }
    }
    result.rest = substitute(restText, lookup, offset + closing + 1);
    return result;
  }
  const value = lookup(substitution);
  return {
    value: value ?? "",
    source: value === undefined ? "unset" : "variable",
    name: substitution,
    operator: "",
    argument: null,
    braced,
    rest: null,
  };
}

/** Interpolation of a default, alternate or error text: errors are reported at the outer expression. */
function nested(template: string, lookup: Lookup, offset: number): Interpolated {
  try {
    return substitute(template, lookup, 0);
  } catch (error) {
    if (error instanceof InterpolationError) {
      throw new InterpolationError(error.message, error.kind, offset, error.variable);
    }
    throw error;
  }
}

function substitute(template: string, lookup: Lookup, baseOffset: number): Interpolated {
  const segments: Segment[] = [];
  const references: VariableReference[] = [];
  let out = "";
  let last = 0;
  const push = (text: string, reference: VariableReference | null, templateStart: number, templateEnd: number) => {
    if (text === "" && reference === null) return;
    segments.push({ text, start: out.length, templateStart, templateEnd, reference });
    out += text;
  };
  const literal = (from: number, to: number) =>
    push(template.slice(from, to), null, baseOffset + from, baseOffset + to);
  if (!template.includes("$")) {
    literal(0, template.length);
    return { value: out, segments, references };
  }
  // Collected first: substituting recurses, and the expression is shared.
  PATTERN.lastIndex = 0;
  const matches: RegExpExecArray[] = [];
  for (let m = PATTERN.exec(template); m !== null; m = PATTERN.exec(template)) matches.push(m);
  let firstError: InterpolationError | null = null;
  for (const m of matches) {
    literal(last, m.index);
    last = m.index + m[0].length;
    let sub: Substitution | null;
    try {
      sub = substituteMatch(m[0], lookup, baseOffset + m.index);
    } catch (error) {
      if (!(error instanceof InterpolationError)) throw error;
      firstError ??= error;
      continue;
    }
    if (sub === null) {
      push("$", null, baseOffset + m.index, baseOffset + m.index + 2);
      continue;
    }
    const reference: VariableReference = {
      name: sub.name,
      operator: sub.operator,
      argument: sub.argument,
      braced: sub.braced,
      start: baseOffset + m.index,
      end: baseOffset + m.index + m[0].length - (sub.rest ? restLength(m[0]) : 0),
      source: sub.source,
    };
    references.push(reference);
    push(sub.value, reference, reference.start, reference.end);
    if (sub.rest) {
      for (const s of sub.rest.segments) push(s.text, s.reference, s.templateStart, s.templateEnd);
      references.push(...sub.rest.references);
    }
  }
  if (firstError) throw firstError;
  literal(last, template.length);
  return { value: out, segments, references };
}

function restLength(matched: string): number {
  const closing = firstClosingBrace(matched);
  return closing > -1 ? matched.length - closing - 1 : 0;
}

/** Deeper `${...}` nesting is refused: substitution recurses once per level. */
export const MAX_NESTING = 64;

function checkNesting(template: string): void {
  let depth = 0;
  for (let i = template.indexOf("$"); i >= 0 && i < template.length; i++) {
    const c = template[i];
    if (c === "$" && template[i + 1] === "{") {
      if (++depth > MAX_NESTING) {
        throw new InterpolationError(`variables nested more than ${MAX_NESTING} levels deep`, "syntax", 0);
      }
      i++;
    } else if (c === "$") i++;
    else if (c === "}" && depth > 0) depth--;
  }
}

/**
 * Interpolates `template` with compose-go's rules and keeps the provenance of every part.
 * Throws {@link InterpolationError} for invalid syntax or a missing required variable.
 */
export function interpolateDetailed(template: string, lookup: Lookup): Interpolated {
  checkNesting(template);
  return substitute(template, lookup, 0);
}

/**
 * Interpolates `template` with compose-go's rules. `env` maps names to values (absent = unset).
 * Throws {@link InterpolationError} for invalid syntax or a missing required variable.
 */
export function interpolate(
  template: string,
  env: Record<string, string | undefined> | Map<string, string> | Lookup,
): string {
  checkNesting(template);
  return substitute(template, toLookup(env), 0).value;
}

export function toLookup(env: Record<string, string | undefined> | Map<string, string> | Lookup): Lookup {
  if (typeof env === "function") return env;
  if (env instanceof Map) return (name) => env.get(name);
  return (name) => (Object.hasOwn(env, name) ? env[name] : undefined);
}
