import type { Position, Range } from "./types.js";

/** Offsets of a text as 1-based lines and columns (a binary search over the line starts). */
export class LineIndex {
  private readonly starts = [0];

  constructor(src: string) {
    for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  columnOf(offset: number): number {
    return offset - (this.starts[this.lineOf(offset) - 1] as number) + 1;
  }

  position(offset: number): Position {
    const line = this.lineOf(offset);
    return { line, column: offset - (this.starts[line - 1] as number) + 1 };
  }

  /** The offset of a position (a line past the end counts from the text's start). */
  offset(pos: Position): number {
    return (this.starts[pos.line - 1] ?? 0) + pos.column - 1;
  }
}

/**
 * A range kept as four numbers, its positions made when read: ranges are made by the hundred
 * thousand, and three objects each were a fifth of the model's heap.
 */
export class Span implements Range {
  constructor(
    readonly startLine: number,
    readonly startColumn: number,
    readonly endLine: number,
    readonly endColumn: number,
  ) {}

  get start(): Position {
    return { line: this.startLine, column: this.startColumn };
  }

  get end(): Position {
    return { line: this.endLine, column: this.endColumn };
  }

  toJSON(): Range {
    return { start: this.start, end: this.end };
  }
}
