/**
 * A fast path for the plain block YAML most compose files are written in. It builds the same
 * `yaml` nodes, with the same values and ranges, that `yaml`'s full parser builds, several times
 * faster; on anything outside its subset (anchors, tags, block scalars, multi-line scalars, tabs,
 * CR line ends, flow collections over several lines, duplicate keys, odd indentation...) it gives
 * up and the full parser runs. A differential test keeps the two in agreement.
 */
import { Document, type LineCounter } from "yaml";
/**
 * Parses `text` with the fast path: the documents (zero or one) and fills `lineCounter`; null when
 * the text needs the full parser.
 */
export declare function fastParse(text: string, lineCounter: LineCounter, maxDepth?: number): Document.Parsed[] | null;
