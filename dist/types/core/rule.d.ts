import type { RuleContext } from "./context.js";
import type { Location, PortBinding, ServiceModel } from "./model.js";
import type { RelatedLocation, Severity, Suggestion } from "./types.js";
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
/** A diagnostic as a rule emits it; the linter fills in severity, suggestion and text. */
export interface RuleReport {
    messageId: string;
    args: Record<string, string | number>;
    location: Location;
    service?: ServiceModel;
    /** The binding the diagnostic is about: it then gets the binding's suggestion. */
    binding?: PortBinding;
    /** A suggestion of the rule's own (registry allocation, next sequential port). */
    suggestion?: Suggestion | {
        nextAfter: number;
        binding: PortBinding;
    };
    related?: RelatedLocation[];
}
export interface Rule {
    id: string;
    name: string;
    severity: Severity;
    description: string;
    messages: Record<string, string>;
    docs: RuleDocs;
    /** Whether a safe automatic fix exists (`portguard fix`). */
    fixable?: boolean;
    check(context: RuleContext, report: (r: RuleReport) => void): void;
}
export declare function renderMessage(template: string, args: Record<string, string | number>): string;
