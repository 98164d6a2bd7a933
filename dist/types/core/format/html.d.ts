/**
 * `portguard ports --format html`: the port plan as one self-contained page (inline CSS and SVG, no
 * script, no network). Every string from the project goes through {@link html}, which escapes it.
 */
import type { PortPlan } from "../port-plan.js";
export declare function escapeHtml(s: string): string;
export interface HtmlOptions {
    /** What the page is of: the project folder's name. */
    title: string;
    toolVersion: string;
}
/** The page. Deterministic: no clock, no randomness, so it can be committed and diffed. */
export declare function formatPortsHtml(plan: PortPlan, options: HtmlOptions): string;
