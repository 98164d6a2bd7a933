/**
 * `portguard fix`: the safe fixes, planned as text edits on the original files so that nothing but
 * the port expressions, the port lines of `.env` files and volume names changes. Pure: the plan
 * says what each file becomes; the adapter writes it.
 */

import { getOrInsert } from "./collections.js";
import { variableOf } from "./context.js";
import { parseEnvFile } from "./dotenv.js";
import { LineIndex } from "./line-index.js";
import type { LintRun } from "./lint.js";
import { overlayTree } from "./memory-tree.js";
import type { PortBinding } from "./model.js";
import { isOutsideRoot } from "./paths.js";
import { STAND_IN_SUFFIXES } from "./project.js";
import type { ResolvedIntent } from "./rule.js";
import { envHome } from "./suggestions.js";
import type { Diagnostic, Range, Report, SourceTree } from "./types.js";
import { losesDataOnRecreate } from "./volumes.js";

export interface FileChange {
  path: string;
  /** null when the file is created. */
  before: string | null;
  after: string;
}

export interface PortMove {
  service: string;
  variable: string;
  from: number | null;
  to: number;
  file: string;
  line: number;
}

/** An env file fix leaves alone because it does not parse: a line fix cannot read is never rewritten or repeated. */
export interface BrokenEnvFile {
  path: string;
  line: number;
  column: number;
  message: string;
}

export interface FixPlan {
  changes: FileChange[];
  moves: PortMove[];
  fixed: Diagnostic[];
  /** Findings left for a person: not fixable safely, or excluded by --rule. */
  unfixable: Diagnostic[];
  /** Variables left alone because one env file would hold them for different ports. */
  shared: SharedVariable[];
  /** What `check` reports on the fixed project. */
  after: Report;
  /** The lint of the fixed project (for checks on what it becomes: volume names on the engine). */
  afterRun: LintRun;
  /** Env files with a syntax error: no port that depends on one is fixed. */
  broken: BrokenEnvFile[];
}

export interface SharedVariable {
  variable: string;
  envFile: string;
  /** Every place (file:line) using the name in that env file's projects. */
  places: string[];
}

export interface FixOptions {
  /** Only these rule ids (from `--rule`). */
  rules?: ReadonlySet<string>;
  /** Only diagnostics in these files (from PATH arguments). */
  files?: (path: string) => boolean;
  /** Diagnostics fix must leave alone (a change that would lose a database's data on the engine). */
  exclude?: (d: Diagnostic) => boolean;
}

interface Edit {
  start: number;
  end: number;
  text: string;
  /** Whom the edit is for (a planned binding, a finding): what the report's edits are attributed to. */
  owner: object | null;
  /** An edit of an env file (which may hold secrets next to the ports). */
  env?: boolean;
}

/** A text edit on the original file: 1-based positions, `end` exclusive; a missing file is created with `text`. */
export interface TextEdit {
  file: string;
  range: Range;
  text: string;
}

function eolOf(text: string): string {
  return text.includes("\r\n") ? "\r\n" : "\n";
}

/** Whether the scalar at `start` sits inside a flow collection (`[...]`, `{...}`) on its line. */
function inFlow(text: string, start: number): boolean {
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  let depth = 0;
  let quote = "";
  for (let i = lineStart; i < start; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = "";
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") depth--;
    else if (c === "#" && (i === lineStart || text[i - 1] === " ")) break;
  }
  return depth > 0;
}

/** Writes `value` as a YAML scalar in the style the original used (plain, single or double quotes). */
export function encodeScalar(value: string, original: string, flow: boolean): string {
  const style = original[0];
  if (style === "'") return `'${value.replace(/'/g, "''")}'`;
  const plainSafe =
    !/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(value) &&
    !/: |\s#|:$|\s$/.test(value) &&
    !(flow && /[,[\]{}]/.test(value)) &&
    !/^(?:true|false|null|~|[-+]?[0-9.]+)$/i.test(value);
  if (style !== '"' && plainSafe) return value;
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** Edits queued per file (applied back to front), and lines to append at the end. */
class Editor {
  private readonly edits = new Map<string, Edit[]>();
  private readonly appended = new Map<string, { line: string; owners: Set<object> }[]>();
  private readonly texts = new Map<string, string | null>();
  /** Whom the edits queued from now on are for. */
  owner: object | null = null;

  constructor(
    private readonly tree: SourceTree,
    /** The first line of an env file this creates (null: none). */
    readonly header: string | null = "# Port variables, declared by portguard fix.",
  ) {}

  /** The file's current text; null when it does not exist (yet). */
  text(path: string): string | null {
    if (!this.texts.has(path)) {
      const read = this.tree.read(path);
      this.texts.set(path, read.kind === "text" ? read.text : null);
    }
    return this.texts.get(path) ?? null;
  }

  /** Queues an edit; false when it would overlap one already queued, or leave the project. */
  add(path: string, edit: Omit<Edit, "owner">): boolean {
    if (isOutsideRoot(path)) return false;
    const list = this.edits.get(path) ?? [];
    if (list.some((e) => edit.start < e.end && e.start < edit.end)) return false;
    list.push({ ...edit, owner: this.owner });
    this.edits.set(path, list);
    return true;
  }

  /** Queues a line for the end of the file (which is created when missing). */
  append(path: string, line: string): void {
    getOrInsert(this.appended, path, () => []).push({ line, owners: new Set(this.owner ? [this.owner] : []) });
  }

  /** The current owner needs a line queued already (a declaration two bindings share). */
  share(path: string, line: string): void {
    const queued = this.appended.get(path)?.find((l) => l.line === line);
    if (queued && this.owner) queued.owners.add(this.owner);
  }

  /** The file's text with the queued edits applied (back to front), before the appended lines. */
  private edited(path: string, before: string | null): string {
    let after = before ?? "";
    for (const e of [...(this.edits.get(path) ?? [])].sort((a, b) => b.start - a.start)) {
      after = after.slice(0, e.start) + e.text + after.slice(e.end);
    }
    return after;
  }

  /** What the appended lines add at the end of `after` (the header of a created file, a missing last newline). */
  private tail(path: string, before: string | null, after: string): string {
    const eol = eolOf(after);
    const lines = this.appendedInOrder(path);
    if (lines.length === 0) return "";
    return this.head(before, after) + lines.map((l) => `${l.line}${eol}`).join("");
  }

  /** One run's declarations for the end of a file, in port order. */
  private appendedInOrder(path: string): { line: string; owners: Set<object> }[] {
    return [...(this.appended.get(path) ?? [])].sort(
      (a, b) => Number(a.line.split("=")[1]) - Number(b.line.split("=")[1]),
    );
  }

  /** What comes before the appended lines: the header of a created file, or the missing last newline. */
  private head(before: string | null, after: string): string {
    const eol = eolOf(after);
    if (before === null) return this.header === null ? "" : `${this.header}${eol}`;
    return after !== "" && !after.endsWith("\n") ? eol : "";
  }

  private paths(): string[] {
    return [...new Set([...this.edits.keys(), ...this.appended.keys()])];
  }

  changes(): FileChange[] {
    const out: FileChange[] = [];
    for (const path of this.paths()) {
      const before = this.text(path);
      const edited = this.edited(path, before);
      const after = edited + this.tail(path, before, edited);
      if (after !== before) out.push({ path, before, after });
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  /**
   * The queued edits on the original texts, in file and position order, each with whom it is for.
   * Each appended line is an insertion of its own at the end of its file, in the order fix writes
   * them (insertions at one position appear in the order listed); before them, the header of a
   * created file or a missing last newline, for every owner of one of them.
   */
  ownedEdits(): { edit: TextEdit; owners: Set<object>; env: boolean }[] {
    const out: { edit: TextEdit; owners: Set<object>; env: boolean }[] = [];
    for (const file of this.paths().sort()) {
      const before = this.text(file);
      const index = new LineIndex(before ?? "");
      const at = (start: number, end: number) => ({ start: index.position(start), end: index.position(end) });
      for (const e of [...(this.edits.get(file) ?? [])].sort((a, b) => a.start - b.start)) {
        const owners = new Set(e.owner ? [e.owner] : []);
        out.push({ edit: { file, range: at(e.start, e.end), text: e.text }, owners, env: e.env === true });
      }
      const lines = this.appendedInOrder(file);
      if (lines.length === 0) continue;
      const edited = this.edited(file, before);
      const end = at((before ?? "").length, (before ?? "").length);
      const head = this.head(before, edited);
      if (head !== "")
        out.push({
          edit: { file, range: end, text: head },
          owners: new Set(lines.flatMap((l) => [...l.owners])),
          env: true,
        });
      const eol = eolOf(edited);
      for (const l of lines)
        out.push({ edit: { file, range: end, text: `${l.line}${eol}` }, owners: l.owners, env: true });
    }
    return out;
  }
}

type BindPort = Extract<ResolvedIntent, { kind: "bind-port" }>;
type NameVolume = Extract<ResolvedIntent, { kind: "name-volume" }>;

/** The target fix gives a binding: the best ranked of its intents' (the registry's first, a fresh port last). */
function targetOf(intents: { intent: BindPort }[]): { port: number; variable: string; free: boolean } | null {
  let best: BindPort | null = null;
  for (const { intent } of intents) if (!best || intent.rank < best.rank) best = intent;
  return best && { port: best.port, variable: best.variable, free: best.free };
}

/** At most this many rounds: a round's edits can raise findings only the next sees (PG114 once `.env.example` exists). */
const MAX_ROUNDS = 4;

/**
 * Plans every safe fix. `lint` lints a tree (the adapter's policy and options); the plan is applied
 * round after round on the planned tree until a round changes nothing, so that a second `fix`
 * has nothing left to do.
 */
export function planFixes(tree: SourceTree, lint: (tree: SourceTree) => LintRun, options: FixOptions = {}): FixPlan {
  const first = lint(tree);
  let current = tree;
  let files = new Map<string, string>();
  const moves: PortMove[] = [];
  let fixed: Diagnostic[] = [];
  const shared = new Map<string, SharedVariable>();
  const broken = new Map<string, BrokenEnvFile>();
  /** The lint of `current`, once a round finds nothing more to do. */
  let settled: LintRun | null = null;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const run = round === 0 ? first : lint(current);
    const step = planRound(run, current, options);
    for (const v of step.shared) shared.set(`${v.envFile}\0${v.variable}`, v);
    for (const b of step.broken) if (!broken.has(b.path)) broken.set(b.path, b);
    if (step.changes.length === 0) {
      settled = run;
      break;
    }
    if (round === 0) fixed = step.fixed;
    for (const m of step.moves) {
      const earlier = moves.find(
        (e) => e.file === m.file && e.line === m.line && e.service === m.service && e.to === m.from,
      );
      if (earlier) Object.assign(earlier, { to: m.to, variable: m.variable });
      else moves.push(m);
    }
    files = new Map([...files, ...step.changes.map((c): [string, string] => [c.path, c.after])]);
    current = overlayTree(tree, files);
  }
  const changes: FileChange[] = [];
  for (const [path, after] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const read = tree.read(path);
    const before = read.kind === "text" ? read.text : null;
    if (after !== before) changes.push({ path, before, after });
  }
  const done = new Set(fixed);
  const afterRun = settled ?? lint(current);
  return {
    changes,
    moves: moves.filter((m) => m.from !== m.to),
    fixed,
    unfixable: first.report.diagnostics.filter((d) => !done.has(d)),
    after: afterRun.report,
    afterRun,
    shared: [...shared.values()].sort((a, b) => (a.variable < b.variable ? -1 : a.variable > b.variable ? 1 : 0)),
    broken: [...broken.values()].sort((a, b) => (a.path < b.path ? -1 : 1)),
  };
}

interface Planned {
  binding: PortBinding;
  /** The diagnostics the planned edits fix. */
  fixes: Diagnostic[];
  target: { port: number; variable: string };
  home: string;
}

/**
 * Variables fix must leave alone: in one env file, a name used for different ports (by two
 * containers, or a binding fix does not touch): declaring or moving it would move them all.
 */
function sharedVariables(run: LintRun, planned: Map<PortBinding, Planned>): Map<string, SharedVariable> {
  const env = run.model.policy.files.env;
  const users = new Map<string, { variable: string; envFile: string; ports: Set<number | null>; at: PortBinding[] }>();
  const use = (envFile: string, variable: string, port: number | null, b: PortBinding) => {
    const u = getOrInsert(users, `${envFile}\0${variable}`, () => ({
      variable,
      envFile,
      ports: new Set<number | null>(),
      at: [] as PortBinding[],
    }));
    u.ports.add(port);
    u.at.push(b);
  };
  for (const b of run.model.bindings) {
    const written = variableOf(b);
    if (written !== null && planned.get(b)?.target.variable !== written) use(envHome(b, env), written, b.hostPort, b);
  }
  for (const p of planned.values()) use(p.home, p.target.variable, p.target.port, p.binding);
  const shared = new Map<string, SharedVariable>();
  for (const [key, u] of users) {
    if (u.ports.size < 2) continue;
    const places = u.at.map((b) => `${b.location.file}:${b.location.range.start.line}`);
    shared.set(key, { variable: u.variable, envFile: u.envFile, places: [...new Set(places)].sort() });
  }
  return shared;
}

/** The intents of one lint run that fix is asked to apply, by binding (ports) and by volume. */
function selectIntents(run: LintRun, options: FixOptions) {
  // Files outside the root are read (compose includes them) but never written.
  const selected = (d: Diagnostic) =>
    !isOutsideRoot(d.file) &&
    (!options.rules || options.rules.has(d.rule)) &&
    (!options.files || options.files(d.file)) &&
    !options.exclude?.(d);
  const byBinding = new Map<PortBinding, { diagnostic: Diagnostic; intent: BindPort }[]>();
  const volumes: { diagnostic: Diagnostic; intent: NameVolume }[] = [];
  for (const diagnostic of run.report.diagnostics) {
    if (!selected(diagnostic)) continue;
    for (const intent of run.fixes.get(diagnostic) ?? []) {
      if (intent.kind === "name-volume") volumes.push({ diagnostic, intent });
      else getOrInsert(byBinding, intent.binding, () => []).push({ diagnostic, intent });
    }
  }
  return { byBinding, volumes };
}

/** The port and variable each binding gets, and the findings that fixes; bindings fix cannot rewrite are left out. */
function planTargets(
  byBinding: Map<PortBinding, { diagnostic: Diagnostic; intent: BindPort }[]>,
  centralEnv: readonly string[],
  leave: Leave,
): Map<PortBinding, Planned> {
  const planned = new Map<PortBinding, Planned>();
  for (const [b, intents] of byBinding) {
    const suggested = targetOf(intents);
    const ranged = b.hostPortEnd !== null && b.hostPortEnd !== b.hostPort;
    if (!suggested || !b.hostTemplateSpan || !b.resolved || b.dynamic || ranged) {
      leave(
        intents.map((i) => i.diagnostic),
        "fix rewrites only a single host port written in the file (not a range, nor one the engine or an unset variable decides)",
      );
      continue;
    }
    // Moving the port of a database that keeps its data in the container (no volume, tmpfs) would
    // lose the data when compose recreates it: such ports stay, and the findings needing a move stay open.
    const keep = losesDataOnRecreate(b.service) && b.hostPort !== null && suggested.port !== b.hostPort;
    const target = keep && b.hostPort !== null ? { ...suggested, port: b.hostPort } : suggested;
    const moves = target.port !== b.hostPort;
    const fixes = intents.filter(({ intent }) => moves || !intent.needsMove).map(({ diagnostic }) => diagnostic);
    leave(
      intents.filter(({ intent }) => !moves && intent.needsMove).map(({ diagnostic }) => diagnostic),
      keep
        ? "moving the port would lose the database's data: it keeps it in the container (give it a named volume first)"
        : suggested.free
          ? "this binding keeps its port: the other side of the conflict is the one to move"
          : "no free port is left in the range it belongs to",
    );
    if (fixes.length === 0) continue;
    planned.set(b, { binding: b, fixes, target, home: envHome(b, centralEnv) });
  }
  return planned;
}

/** The env files of one round, as fix edits them: their keys, their syntax errors, their stand-ins. */
class EnvFiles {
  private readonly declared = new Map<string, Set<string>>();
  /**
   * An env file that does not parse is read only up to its error: what fix would add or move there
   * could duplicate or corrupt what follows. Every port depending on one stays as it is.
   */
  private readonly errors = new Map<string, BrokenEnvFile | null>();

  constructor(private readonly editor: Editor) {}

  broken(path: string): BrokenEnvFile | null {
    return getOrInsert(this.errors, path, () => envSyntaxError(path, this.editor.text(path)));
  }

  brokenFiles(): BrokenEnvFile[] {
    return [...this.errors.values()].filter((b): b is BrokenEnvFile => b !== null);
  }

  keysOf(path: string): Set<string> {
    return getOrInsert(this.declared, path, () => {
      const text = this.editor.text(path);
      return new Set(text === null ? [] : parseEnvFile(text).entries.map((e) => e.key));
    });
  }

  /** Appends `variable=port` unless the file declares it already (or lies outside the project). */
  declare(path: string, variable: string, port: number): void {
    if (isOutsideRoot(path)) return;
    const keys = this.keysOf(path);
    if (keys.has(variable)) {
      this.editor.share(path, `${variable}=${port}`);
      return;
    }
    keys.add(variable);
    this.editor.append(path, `${variable}=${port}`);
  }

  /** The committed stand-in (.env.example...) next to a real .env, when there is one. */
  standInBeside(envPath: string): string | null {
    for (const suffix of STAND_IN_SUFFIXES)
      if (this.editor.text(`${envPath}${suffix}`) !== null) return `${envPath}${suffix}`;
    return null;
  }
}

/**
 * Queues the edits that give a binding its target: the compose expression, the `.env` value that
 * binds, the declarations (and the stand-in beside a real .env). Null when done, else why it cannot
 * be done safely.
 */
function bindPort(editor: Editor, envFiles: EnvFiles, { binding: b, target, home }: Planned): string | null {
  const own = b.environment.files[0];
  const standIn = own && !own.standIn ? envFiles.standInBeside(own.path) : null;
  const touched = [home, ...b.environment.files.map((f) => f.path), ...(standIn ? [standIn] : [])];
  const broken = touched.map((path) => envFiles.broken(path)).find((x) => x !== null);
  if (broken) return `${broken.path} has a syntax error at ${broken.line}:${broken.column}`;
  const span = b.hostTemplateSpan;
  const text = editor.text(b.location.file);
  if (!span || text === null) return UNSAFE;
  const lines = new LineIndex(text);
  const start = lines.offset(b.location.range.start);
  const end = lines.offset(b.location.range.end);
  const original = text.slice(start, end);
  const expression = `\${${target.variable}:-${target.port}}`;
  const current = b.written.slice(span[0], span[1]);
  if (current !== expression) {
    const value = b.written.slice(0, span[0]) + expression + b.written.slice(span[1]);
    const scalar = encodeScalar(value, original, inFlow(text, start));
    if (!editor.add(b.location.file, { start, end, text: scalar })) return UNSAFE;
  }
  // The value that binds comes from .env when the variable is set there: move it too.
  const entry = b.environment.get(target.variable);
  if (entry?.origin.kind === "env-file" && entry.value !== String(target.port)) {
    if (!rewriteEnvValue(editor, entry.origin.file, target.variable, target.port)) return UNSAFE;
  }
  if (entry?.origin.kind !== "env-file") envFiles.declare(home, target.variable, target.port);
  // The committed declaration (.env.example) next to a git-ignored .env stays in step.
  if (standIn) {
    if (envFiles.keysOf(standIn).has(target.variable)) rewriteEnvValue(editor, standIn, target.variable, target.port);
    else envFiles.declare(standIn, target.variable, target.port);
  }
  return null;
}

const UNSAFE = "its text cannot be rewritten safely (the edit would overlap another, or leave the project)";

/** Records why fix leaves findings as they are. */
type Leave = (diagnostics: Iterable<Diagnostic>, why: string) => void;

/** What fix does about one finding: what the edits do, and the edits (none when fix leaves it, `message` says why). */
export interface DiagnosticFix {
  message: string;
  edits: TextEdit[];
}

/** One round of the plan: its changes, and what it does about each finding (for the report's edits). */
type Round = Omit<FixPlan, "unfixable" | "after" | "afterRun"> & {
  /** The round's fix of each finding with fix intents, attributed from the queued edits. */
  explain: () => Map<Diagnostic, DiagnosticFix>;
};

/** One round: the fixes of one lint run, as edits on `tree`. */
function planRound(run: LintRun, tree: SourceTree, options: FixOptions): Round {
  const editor = new Editor(tree);
  const envFiles = new EnvFiles(editor);
  const left = new Map<Diagnostic, string>();
  const leave: Leave = (diagnostics, why) => {
    for (const d of diagnostics) left.set(d, why);
  };
  const { byBinding, volumes } = selectIntents(run, options);
  const planned = planTargets(byBinding, run.model.policy.files.env, leave);
  const shared = sharedVariables(run, planned);
  const skipped = new Map<string, SharedVariable>();
  const fixed = new Set<Diagnostic>();
  const moves: PortMove[] = [];
  /** What each owner of edits does, and the findings it fixes. */
  const done = new Map<object, { what: string; fixes: Diagnostic[] }>();
  for (const p of planned.values()) {
    const { binding: b, target } = p;
    const key = `${p.home}\0${target.variable}`;
    const blocked = shared.get(key);
    if (blocked) {
      skipped.set(key, blocked);
      leave(p.fixes, `${target.variable} would hold different ports in ${p.home}`);
      continue;
    }
    editor.owner = p;
    const refused = bindPort(editor, envFiles, p);
    if (refused !== null) {
      leave(p.fixes, refused);
      continue;
    }
    for (const d of p.fixes) fixed.add(d);
    done.set(p, { what: bindingChange(p), fixes: p.fixes });
    if (b.hostPort !== target.port) {
      moves.push({
        service: b.service.name,
        variable: target.variable,
        from: b.hostPort,
        to: target.port,
        file: b.location.file,
        line: b.location.range.start.line,
      });
    }
  }
  for (const { diagnostic, intent } of volumes) {
    editor.owner = diagnostic;
    if (intent.name && addVolumeName(editor, intent.file, intent.key, intent.name)) {
      fixed.add(diagnostic);
      done.set(diagnostic, { what: `add name: ${intent.name} to the volume's definition`, fixes: [diagnostic] });
    } else leave([diagnostic], "fix cannot add a name to this volume definition safely");
  }
  editor.owner = null;
  return {
    changes: editor.changes(),
    moves,
    fixed: [...fixed],
    shared: [...skipped.values()],
    broken: envFiles.brokenFiles(),
    explain: () => explainRound(run, editor, done, left),
  };
}

/** What fix does to a binding, in a few words. */
function bindingChange({ binding: b, target }: Planned): string {
  const expression = `\${${target.variable}:-${target.port}}`;
  const move =
    b.hostPort === target.port ? "" : `, moving it from ${b.hostPort ?? "a port the engine picks"} to ${target.port}`;
  return `write the host port of ${b.service.name} as ${expression}${move}`;
}

/** Text of an env file edit that shows nothing but ports: port numbers, `NAME=port` lines, fix's own header. */
function showsOnlyPorts(text: string, header: string | null): boolean {
  return text
    .split(/\r?\n/)
    .every((line) => line === "" || line === header || /^\d{1,5}$/.test(line) || /^[^\s=#]+=\d{1,5}$/.test(line));
}

/**
 * Each finding's edits, from the round's queued edits: those of the changes that fix it. A finding
 * whose edits would show a value of the run's secrets gets none (the message says so).
 */
function explainRound(
  run: LintRun,
  editor: Editor,
  done: Map<object, { what: string; fixes: Diagnostic[] }>,
  left: Map<Diagnostic, string>,
): Map<Diagnostic, DiagnosticFix> {
  const edits = new Map<Diagnostic, { edit: TextEdit; env: boolean }[]>();
  const what = new Map<Diagnostic, string[]>();
  for (const { fixes, what: w } of done.values()) for (const d of fixes) getOrInsert(what, d, () => []).push(w);
  for (const { edit, owners, env } of editor.ownedEdits()) {
    for (const owner of owners)
      for (const d of done.get(owner)?.fixes ?? []) {
        const list = getOrInsert(edits, d, () => []);
        if (!list.some((e) => e.edit === edit)) list.push({ edit, env });
      }
  }
  const out = new Map<Diagnostic, DiagnosticFix>();
  for (const d of run.fixes.keys()) {
    const mine = edits.get(d) ?? [];
    const message = what.get(d);
    if (!message) {
      const why = left.get(d) ?? "its file lies outside the project root, where fix writes nothing";
      out.set(d, { message: run.redactor.redact(`portguard fix leaves it: ${why}`), edits: [] });
      continue;
    }
    const secret = mine.some(
      ({ edit, env }) =>
        run.redactor.redact(edit.text) !== edit.text || (env && !showsOnlyPorts(edit.text, editor.header)),
    );
    out.set(
      d,
      secret
        ? { message: "the edits are not shown: they would show a value of an env file that is not a port", edits: [] }
        : { message: run.redactor.redact(capitalized(message.join("; "))), edits: mine.map((e) => e.edit) },
    );
  }
  return out;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * What `portguard fix` does about each finding of `run` with fix intents (each fixable diagnostic):
 * the edits of the plan's first round, on the texts the report's positions refer to. Findings of
 * later rounds (raised by the first round's edits) are not in the report.
 */
export function planDiagnosticFixes(run: LintRun, tree: SourceTree): Map<Diagnostic, DiagnosticFix> {
  return planRound(run, tree, {}).explain();
}

/** The first syntax error of an env file (null: it parses, or does not exist). */
export function envSyntaxError(path: string, text: string | null): BrokenEnvFile | null {
  const error = text === null ? undefined : parseEnvFile(text).errors[0];
  return error ? { path, line: error.line, column: error.column, message: error.message } : null;
}

/**
 * Sets port variables in one env file: the value of an existing key is rewritten in place (quotes,
 * comments and every other line kept), a new key is appended; the file is created when missing.
 * Null when nothing changes, or a value cannot be rewritten safely.
 */
export function setEnvPorts(
  tree: SourceTree,
  path: string,
  values: ReadonlyMap<string, number>,
  /** The first line of a file this creates (null: none). */
  header: string | null,
): FileChange | null {
  const editor = new Editor(tree, header);
  const text = editor.text(path);
  const keys = new Set(text === null ? [] : parseEnvFile(text).entries.map((e) => e.key));
  for (const [variable, port] of values) {
    if (!keys.has(variable)) editor.append(path, `${variable}=${port}`);
    else if (!rewriteEnvValue(editor, path, variable, port)) return null;
  }
  return editor.changes()[0] ?? null;
}

/** Rewrites the value of the last `KEY=value` of an env file (the one that counts), keeping quotes and comments. */
function rewriteEnvValue(editor: Editor, path: string, key: string, port: number): boolean {
  const text = editor.text(path);
  if (text === null) return false;
  const entry = parseEnvFile(text)
    .entries.filter((e) => e.key === key)
    .pop();
  if (!entry) return false;
  if (entry.value === String(port)) return true;
  const lineStart = new LineIndex(text).offset({ line: entry.line, column: 1 });
  const lineEnd = text.indexOf("\n", lineStart) < 0 ? text.length : text.indexOf("\n", lineStart);
  const content = text.slice(lineStart, lineEnd);
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`^(\\s*(?:export\\s+)?${escaped}\\s*[=:]\\s*)(["']?)([^"'#\\s]*)(\\2)`).exec(content);
  if (!m) return false;
  const valueStart = lineStart + (m[1] as string).length + (m[2] as string).length;
  return editor.add(path, {
    start: valueStart,
    end: valueStart + (m[3] as string).length,
    text: String(port),
    env: true,
  });
}

/** Adds `name: <name>` to a top-level volume definition (block or flow mapping, or an empty one). */
function addVolumeName(editor: Editor, path: string, keyRange: Range, name: string): boolean {
  const text = editor.text(path);
  if (text === null) return false;
  const keyEnd = new LineIndex(text).offset(keyRange.end);
  const lineEnd = text.indexOf("\n", keyEnd) < 0 ? text.length : text.indexOf("\n", keyEnd);
  const rest = text.slice(keyEnd, lineEnd).replace(/\r$/, "");
  const eol = eolOf(text);
  const value = encodeScalar(name, "", false);
  const keyIndent = keyRange.start.column - 1;
  const colon = rest.indexOf(":");
  const after = rest.slice(colon + 1);
  const afterTrim = after.replace(/\s+#.*$/, "").trim();
  if (afterTrim.startsWith("{")) {
    const brace = keyEnd + colon + 1 + after.indexOf("{");
    const inner = afterTrim.slice(1, -1).trim();
    return editor.add(path, {
      start: brace + 1,
      end: brace + 1,
      text: inner === "" ? ` name: ${value} ` : ` name: ${value},`,
    });
  }
  if (afterTrim !== "") return false;
  // Block children (if any) give the indentation; else two more than the key.
  let indent = " ".repeat(keyIndent + 2);
  for (let p = lineEnd + 1; p < text.length; ) {
    const e = text.indexOf("\n", p) < 0 ? text.length : text.indexOf("\n", p);
    const line = text.slice(p, e).replace(/\r$/, "");
    if (line.trim() !== "" && !line.trim().startsWith("#")) {
      const lead = /^ */.exec(line)?.[0] ?? "";
      if (lead.length > keyIndent) indent = lead;
      break;
    }
    p = e + 1;
  }
  const insertAt = lineEnd - (text[lineEnd - 1] === "\r" ? 1 : 0);
  return editor.add(path, { start: insertAt, end: insertAt, text: `${eol}${indent}name: ${value}` });
}
