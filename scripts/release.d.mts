export interface ReleaseCommit {
  version: string;
  tag: string;
  major: string;
  commit: string;
  files: string[];
}
export const RELEASE_PATHS: string[];
export function releaseManifest(pkg: Record<string, unknown>): Record<string, unknown>;
export function releaseCommit(repo: string): ReleaseCommit;
export function dryRun(repo: string): ReleaseCommit & { published: string[]; size: number; unpackedSize: number };
