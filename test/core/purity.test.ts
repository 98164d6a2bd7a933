import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../support/shared.js";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

const FORBIDDEN_MODULES =
  /^(node:)?(fs|fs\/promises|child_process|net|http|https|os|process|worker_threads|dgram|tls|dns|readline|cluster|module)$/;
const FORBIDDEN_GLOBALS = /\b(process\.|Date\.now\(|new Date\(|console\.|setTimeout\(|setInterval\(|fetch\(|require\()/;

describe("src/core is pure", () => {
  const core = join(projectRoot, "src/core");
  for (const file of files(core)) {
    it(relative(projectRoot, file), () => {
      const text = readFileSync(file, "utf8");
      const imports = [...text.matchAll(/^\s*(?:import|export)[^"'`]*?from\s+["']([^"']+)["']/gm)].map(
        (m) => m[1] as string,
      );
      for (const spec of imports) {
        expect(spec, `${spec} imported`).not.toMatch(FORBIDDEN_MODULES);
        expect(spec.startsWith("node:"), `${spec} is a node built-in`).toBe(false);
        if (spec.startsWith(".")) expect(spec.includes("/cli/") || spec.includes("/action/"), spec).toBe(false);
      }
      const code = text
        .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""')
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/\/\/.*$/gm, "");
      expect(code).not.toMatch(FORBIDDEN_GLOBALS);
    });
  }
});
