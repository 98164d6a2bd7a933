export interface Setup {
  id: string;
  manager: "npm" | "pnpm" | "yarn1" | "berry";
  linker?: "node-modules" | "pnp";
  monorepo?: boolean;
}
export interface Repository {
  base: string;
  top: string;
  pkgDir: string;
  env: Record<string, string>;
  add: string;
  init: string;
  install: string;
}
export const MANAGERS: Record<"pnpm" | "yarn1" | "berry", { spec: string; bin: string }>;
export const SETUPS: Setup[];
export const README_STEPS: Record<Setup["manager"], string[][]>;
export function managersDir(): string;
export function managerBin(id: Setup["manager"]): string | null;
export function installManagers(log?: (line: string) => void): { id: string; why: string }[];
export function packTarball(dir: string): string;
export function setupEnv(binDir: string): Record<string, string>;
export function composeFile(port: string): string;
export function setUpRepository(setup: Setup, tarball: string): Repository;
export function commit(
  repo: Repository,
  files: Record<string, string>,
  message: string,
): { status: number | null; output: string };
export function removeRepository(repo: Repository): void;
