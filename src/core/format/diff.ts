/** Unified diffs (for `fix --dry-run`), line by line with three lines of context. */
import { printableLine } from "./printable.js";
import { paint } from "./stylish.js";

type Op = { kind: " " | "-" | "+"; line: string };

/** The shortest edit script between two line lists (Myers' O(ND) algorithm). */
function diffLines(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Map<number, number>([[1, 0]]);
  const trace: Map<number, number>[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(new Map(v));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1));
      let x = down ? (v.get(k + 1) ?? 0) : (v.get(k - 1) ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v.set(k, x);
      if (x >= n && y >= m) return backtrack(trace, a, b, d);
    }
  }
  return [];
}

function backtrack(trace: Map<number, number>[], a: string[], b: string[], depth: number): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = depth; d > 0; d--) {
    const v = trace[d] as Map<number, number>;
    const k = x - y;
    const down = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = v.get(prevK) ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: " ", line: a[x] as string });
    }
    if (down) {
      y--;
      ops.push({ kind: "+", line: b[y] as string });
    } else {
      x--;
      ops.push({ kind: "-", line: a[x] as string });
    }
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    ops.push({ kind: " ", line: a[x] as string });
  }
  return ops.reverse();
}

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** A unified diff of one file (`null` before: a new file); empty when nothing changes. */
export function unifiedDiff(path: string, before: string | null, after: string, context = 3): string {
  if (before === after) return "";
  const a = splitLines(before ?? "");
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const out = [before === null ? "--- /dev/null" : `--- a/${path}`, `+++ b/${path}`];
  let i = 0;
  let aLine = 1;
  let bLine = 1;
  while (i < ops.length) {
    if ((ops[i] as Op).kind === " ") {
      i++;
      aLine++;
      bLine++;
      continue;
    }
    // A hunk: back up for context, run until `context` unchanged lines follow the last change.
    const start = Math.max(0, i - context);
    let end = i;
    let quiet = 0;
    for (let j = i; j < ops.length; j++) {
      if ((ops[j] as Op).kind === " ") {
        quiet++;
        if (quiet > context * 2) break;
      } else {
        quiet = 0;
        end = j;
      }
    }
    const stop = Math.min(ops.length, end + 1 + context);
    const lead = i - start;
    const hunk = ops.slice(start, stop);
    const aCount = hunk.filter((o) => o.kind !== "+").length;
    const bCount = hunk.filter((o) => o.kind !== "-").length;
    // An empty side starts at the line before (GNU diff's convention).
    out.push(
      `@@ -${aLine - lead - (aCount === 0 ? 1 : 0)},${aCount} +${bLine - lead - (bCount === 0 ? 1 : 0)},${bCount} @@`,
    );
    for (const op of hunk) out.push(`${op.kind}${printableLine(op.line)}`);
    for (const op of ops.slice(i, stop)) {
      if (op.kind !== "+") aLine++;
      if (op.kind !== "-") bLine++;
    }
    i = stop;
  }
  return `${out.join("\n")}\n`;
}

/** A unified diff in a terminal's colours: removed lines red, added green, hunk headers cyan, file headers bold. */
export function colorDiff(diff: string): string {
  const c = paint(true);
  const colour = (line: string) =>
    line.startsWith("+++") || line.startsWith("---")
      ? "bold"
      : line.startsWith("@@")
        ? "cyan"
        : line.startsWith("+")
          ? "green"
          : line.startsWith("-")
            ? "red"
            : null;
  return diff
    .split("\n")
    .map((line) => {
      const code = colour(line);
      return code === null || line === "" ? line : c(code, line);
    })
    .join("\n");
}
