import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { VERSION } from "../src/version.js";
import { projectRoot } from "./support/shared.js";

it("VERSION matches package.json", () => {
  const pkg = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8"));
  expect(VERSION).toBe(pkg.version);
});
