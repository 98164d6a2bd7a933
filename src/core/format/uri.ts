/**
 * RFC 3986 URI references for project paths (SARIF `artifactLocation.uri`, links in Markdown).
 * Each segment is percent-encoded as UTF-8, leaving only unreserved characters literal, so a
 * space, `%`, `#`, `?`, `:` (which would read as a scheme in a first segment) or a parenthesis
 * (which ends a Markdown link) cannot change what the reference means.
 */

const NOT_UNRESERVED = /[^A-Za-z0-9\-._~]/gu;

function encodeSegment(segment: string): string {
  // Lone surrogates have no UTF-8 form: U+FFFD stands in, as TextEncoder does.
  const wellFormed = segment.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    "\uFFFD",
  );
  return wellFormed.replace(NOT_UNRESERVED, (ch) =>
    [...new TextEncoder().encode(ch)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join(""),
  );
}

/** A `/`-separated relative path as a relative URI reference (`dir with space/a.yml` → `dir%20with%20space/a.yml`). */
export function pathToUriReference(path: string): string {
  return path.split("/").map(encodeSegment).join("/");
}
