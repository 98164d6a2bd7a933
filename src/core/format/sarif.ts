import type { Rule } from "../rule.js";
import type { Diagnostic, Report } from "../types.js";
import { suggestionText } from "./suggestion-text.js";
import { pathToUriReference } from "./uri.js";

const LEVEL = { error: "error", warning: "warning", info: "note" } as const;

/** FNV-1a 64-bit, hex: a stable fingerprint without a crypto dependency. */
export function fingerprint(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, "0");
}

function ruleHelp(rule: Rule): string {
  return `${rule.docs.rationale}\n\nIncorrect (${rule.docs.bad.description}) and correct (${rule.docs.good.description}) examples: docs/rules/${rule.id}-${rule.name}.md`;
}

/** SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`). */
export function formatSarif(
  report: Report,
  rules: readonly Rule[],
  options: { toolVersion: string; informationUri?: string },
): string {
  const uri = options.informationUri ?? "https://github.com/portguard/portguard";
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const occurrences = new Map<string, number>();
  const results = report.diagnostics.map((d: Diagnostic) => {
    const hint = suggestionText(d);
    // Stable across line moves: what the finding is about, not where it sits.
    const identity = `${d.rule}|${d.file}|${d.service ?? ""}|${d.messageId}|${d.message.replace(/:\d+\)/g, ")")}`;
    const n = (occurrences.get(identity) ?? 0) + 1;
    occurrences.set(identity, n);
    const result: Record<string, unknown> = {
      ruleId: d.rule,
      level: LEVEL[d.severity],
      message: { text: hint ? `${d.message} (${hint})` : d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: pathToUriReference(d.file), uriBaseId: "%SRCROOT%" },
            region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
          },
        },
      ],
      partialFingerprints: { primaryLocationLineHash: `${fingerprint(identity)}:${n}` },
    };
    const i = index.get(d.rule);
    if (i !== undefined) result.ruleIndex = i;
    return result;
  });
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "portguard",
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            informationUri: uri,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.description },
              fullDescription: { text: r.docs.rationale },
              help: { text: ruleHelp(r), markdown: ruleHelp(r) },
              helpUri: `${uri}/blob/main/docs/rules/${r.id}-${r.name}.md`,
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: { tags: ["ports", "docker-compose"] },
            })),
          },
        },
        ...(report.skipped && report.skipped.length > 0
          ? {
              invocations: [
                {
                  executionSuccessful: true,
                  toolExecutionNotifications: report.skipped.map((s) => ({
                    level: "warning",
                    message: { text: `folder could not be read (${s.reason}): its files were not checked` },
                    locations: [
                      {
                        physicalLocation: {
                          artifactLocation: { uri: pathToUriReference(s.path), uriBaseId: "%SRCROOT%" },
                        },
                      },
                    ],
                  })),
                },
              ],
            }
          : {}),
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
