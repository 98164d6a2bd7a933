/**
 * RFC 3986 URI references for project paths (SARIF `artifactLocation.uri`, links in Markdown).
 * Each segment is percent-encoded as UTF-8, leaving only unreserved characters literal, so a
 * space, `%`, `#`, `?`, `:` (which would read as a scheme in a first segment) or a parenthesis
 * (which ends a Markdown link) cannot change what the reference means.
 */
/** A `/`-separated relative path as a relative URI reference (`dir with space/a.yml` → `dir%20with%20space/a.yml`). */
export declare function pathToUriReference(path: string): string;
