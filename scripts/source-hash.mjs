// The hash of everything dist/ is built from (src/, the manifest, the TypeScript configs): the build
// writes it to dist/source-hash.txt, and the tests rebuild dist/ first when it no longer matches.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export function sourceHash(root) {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(join(root, "src"));
  for (const f of ["package.json", "package-lock.json", "tsconfig.json", "tsconfig.build.json"])
    files.push(join(root, f));
  const hash = createHash("sha256");
  for (const f of files) {
    hash.update(relative(root, f).split("\\").join("/"));
    hash.update("\0");
    hash.update(readFileSync(f));
    hash.update("\0");
  }
  return hash.digest("hex");
}
