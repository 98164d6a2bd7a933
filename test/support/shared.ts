import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root (where package.json lives). */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * The built bundles the tests run: dist/, or another build named by PORTGUARD_DIST (to show that a
 * regression test fails on an older build).
 */
export const distDir = process.env.PORTGUARD_DIST ? resolve(process.env.PORTGUARD_DIST) : join(projectRoot, "dist");

/** `../shared`, the steering material next to the checkout, when present. */
export function sharedDir(): string | null {
  const dir = resolve(projectRoot, "../shared");
  return existsSync(dir) ? dir : null;
}

/** The compose-go facts (copied from ../shared/vectors into the fixtures, so they run in any clone). */
export function vectorsPath(): string {
  return join(projectRoot, "test/fixtures/compose-vectors.json");
}

/** Real compose files by others (copied from ../shared/corpus, with their licences). */
export function corpusDir(): string {
  return join(projectRoot, "test/fixtures/corpus");
}
