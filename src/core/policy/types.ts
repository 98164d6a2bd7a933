import type { SeveritySetting } from "../types.js";

export interface PortRange {
  name: string;
  start: number;
  end: number;
  /** Categories allowed to publish here; empty = nobody. */
  for: string[];
  /** What the range is for, in words (shown in the docs table). */
  description?: string;
}

export interface CategoryDefinition {
  images: string[];
}

export interface RegistryEntry {
  category?: string;
  port?: number;
  variable?: string;
}

export interface AllowEntry {
  service: string;
  /** Absent: every port of the service. */
  port?: number;
  reason?: string;
}

export interface HostGroup {
  name: string;
  compose: string[];
}

export interface FilePatterns {
  compose: string[];
  env: string[];
  sources: string[];
  ignore: string[];
}

/** A complete policy: the embedded default merged with the config file(s). */
export interface Policy {
  ranges: PortRange[];
  categories: Record<string, CategoryDefinition>;
  services: Record<string, RegistryEntry>;
  variables: { pattern: string; require: "governed" | "all" };
  files: FilePatterns;
  docs: string | null;
  /** Groups of compose files that run on separate hosts, or "directory" (each folder is a host). */
  hosts: HostGroup[] | "directory";
  rules: Record<string, SeveritySetting>;
  allow: AllowEntry[];
  /** Compose profiles that are started together (`"*"`: every profile): their services can conflict. */
  profiles: { together: string[][] };
}

/** What a config file may set: everything optional. */
export interface PolicyConfig {
  extends?: string;
  /** Where `extends` is written, for errors. */
  extendsPosition?: { line: number; column: number };
  ranges?: PortRange[];
  categories?: Record<string, CategoryDefinition>;
  services?: Record<string, RegistryEntry>;
  variables?: Partial<Policy["variables"]>;
  files?: Partial<FilePatterns>;
  docs?: string | null;
  hosts?: HostGroup[] | "directory";
  rules?: Record<string, SeveritySetting>;
  allow?: AllowEntry[];
  profiles?: { together?: string[][] };
  /** Where the file names categories (checked against the merged policy's). */
  categoryReferences?: { file: string; line: number; column: number; key: string; name: string }[];
}
