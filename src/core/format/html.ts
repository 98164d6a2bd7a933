/**
 * `portguard ports --format html`: the port plan as one self-contained page (inline CSS and SVG, no
 * script, no network). Every string from the project goes through {@link html}, which escapes it.
 */
import type { PlannedBinding, PortPlan, RangeOccupancy, Reservation } from "../port-plan.js";
import type { RelatedLocation } from "../types.js";
import { nextFreeText } from "./occupancy.js";

/** Markup that is already safe; anything else interpolated into {@link html} is escaped. */
class Markup {
  constructor(readonly text: string) {}
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function piece(value: unknown): string {
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return value.map(piece).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}

function html(strings: TemplateStringsArray, ...values: unknown[]): Markup {
  let out = strings[0] ?? "";
  values.forEach((v, i) => {
    out += piece(v) + (strings[i + 1] ?? "");
  });
  return new Markup(out);
}

export interface HtmlOptions {
  /** What the page is of: the project folder's name. */
  title: string;
  toolVersion: string;
}

const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--card:#f6f8fa;--free:#e7ecf0;
--ok:#2c6ed5;--held:#8c959f;--warn:#b35900;--bad:#cf222e;--link:#0550ae;--focus:#fb8f44}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--card:#151b23;
--free:#262c36;--ok:#4493f8;--held:#7d8590;--warn:#e3822f;--bad:#ff6a69;--link:#6cb6ff;--focus:#ffa657}}
@media print{:root{--bg:#fff;--fg:#000;--muted:#444;--line:#bbb;--card:#fff;--free:#e8e8e8;--ok:#2c6ed5;--held:#888;
--warn:#b35900;--bad:#c00;--link:#000}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:72rem;padding:1.5rem;background:var(--bg);color:var(--fg);
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:0}h3{font-size:1rem;margin:1rem 0 .25rem}
a{color:var(--link)}a:focus-visible{outline:3px solid var(--focus);outline-offset:2px;border-radius:2px}
.skip{position:absolute;left:-100rem}.skip:focus{left:1rem;top:1rem;padding:.5rem 1rem;background:var(--bg);z-index:1}
.muted{color:var(--muted)}code,.num{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.87em}
.totals{margin:.25rem 0 1rem}.totals strong{font-variant-numeric:tabular-nums}
nav ul{list-style:none;padding:0;margin:0 0 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:0 0 1.5rem;padding:0;list-style:none;font-size:.9em}
.swatch{display:inline-block;width:.9em;height:.9em;border-radius:2px;vertical-align:-.1em;margin-right:.35em;
border:1px solid var(--line);print-color-adjust:exact;-webkit-print-color-adjust:exact}
.s-free{background:var(--free)}.s-ok{background:var(--ok)}.s-held{background:var(--held)}.s-misplaced{background:var(--warn)}
.s-conflict{background:repeating-linear-gradient(45deg,var(--bad) 0 3px,var(--bg) 3px 5px)}
section{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:1rem 1.25rem;margin:0 0 1.25rem}
section.alert{border-color:var(--bad)}
.head{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:.5rem}
.stats{display:flex;gap:1.25rem;margin:0}.stats div{display:flex;gap:.35rem}.stats dt{color:var(--muted)}
.stats dd{margin:0;font-weight:600;font-variant-numeric:tabular-nums}
.band{display:block;width:100%;height:30px;margin:.75rem 0 0;border:1px solid var(--line);border-radius:4px;
print-color-adjust:exact;-webkit-print-color-adjust:exact}
.band rect{stroke:var(--card);stroke-width:1px;vector-effect:non-scaling-stroke}.band .free{fill:var(--free);stroke:none}.band .ok{fill:var(--ok)}.band .held{fill:var(--held)}.band .misplaced{fill:var(--warn)}
.band .conflict{fill:url(#pg-hatch)}.hatch-line{stroke:var(--bad);stroke-width:4}.hatch-bg{fill:var(--bad);opacity:.35}
.axis{display:flex;justify-content:space-between;font-size:.8em;color:var(--muted);margin:.1rem 0 .5rem}
.stretches{margin:.25rem 0 .75rem;font-size:.9em}
.table{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9em}.sr-only,caption{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;color:var(--muted);white-space:nowrap}.right{text-align:right}td.status{min-width:12rem}
tr.conflict>td:first-child{box-shadow:inset 4px 0 var(--bad)}tr.misplaced>td:first-child{box-shadow:inset 4px 0 var(--warn)}
tr.held>td:first-child{box-shadow:inset 4px 0 var(--held)}
.status-conflict{color:var(--bad);font-weight:600}.status-misplaced{color:var(--warn);font-weight:600}
.status-ok{color:var(--muted)}.rule{display:inline-block;padding:0 .3em;margin-right:.25em;border:1px solid var(--line);
border-radius:3px;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.8em}
.suggest{white-space:nowrap}
footer{margin-top:2rem;font-size:.85em;color:var(--muted)}
@media print{body{max-width:none;padding:0;font-size:10pt}nav,.skip{display:none}section{break-inside:avoid;
border-color:#bbb}a{text-decoration:none}tr{break-inside:avoid}}
`;

function portsText(start: number, end: number | null): string {
  return end === null || end === start ? `${start}` : `${start}-${end}`;
}

function bindingPorts(b: PlannedBinding): string {
  return b.hostPort === null ? "random" : portsText(b.hostPort, b.hostPortEnd);
}

/** Where each binding's row is, for links between rows (the first row of a binding holds its id). */
class Anchors {
  private readonly byPlace = new Map<string, string>();
  private readonly placed = new Set<string>();

  constructor(plan: PortPlan) {
    for (const b of plan.bindings) {
      const key = `${b.file}\0${b.line}\0${b.service}`;
      if (!this.byPlace.has(key)) this.byPlace.set(key, b.id);
    }
  }

  of(r: RelatedLocation): string | null {
    return this.byPlace.get(`${r.file}\0${r.line}\0${r.service ?? ""}`) ?? null;
  }

  /** The id for this binding's row, the first time it is drawn. */
  claim(b: PlannedBinding): string | null {
    if (this.placed.has(b.id)) return null;
    this.placed.add(b.id);
    return b.id;
  }
}

function statusClass(b: PlannedBinding): "conflict" | "misplaced" | "ok" {
  if (b.rules.includes("PG107")) return "conflict";
  if (b.misplaced) return "misplaced";
  return "ok";
}

/** Links to the rows of the other sides of a conflict. */
function relatedLinks(list: readonly RelatedLocation[], anchors: Anchors): Markup {
  return html`${list.map((o, i) => {
    const id = anchors.of(o);
    const label = `${o.service ?? "?"} (${o.file}:${o.line})`;
    return html`${i > 0 ? ", " : ""}${id ? html`<a href="#${id}">${label}</a>` : label}`;
  })}`;
}

function statusCell(b: PlannedBinding, anchors: Anchors): Markup {
  const title = (...rules: string[]) =>
    b.findings
      .filter((f) => rules.includes(f.rule))
      .map((f) => `${f.severity}: ${f.message}`)
      .join("\n");
  const parts: Markup[] = [];
  if (b.rules.includes("PG107")) {
    parts.push(
      html`<span class="status-conflict" title="${title("PG107")}">✖ conflict</span> with ${relatedLinks(b.conflictsWith, anchors)}`,
    );
  } else if (b.misplaced) {
    const what = b.misplaced === "wrong-range" ? `in a range not for ${b.category}` : "outside its ranges";
    parts.push(html`<span class="status-misplaced" title="${title("PG101", "PG102")}">▲ ${what}</span>`);
  } else if (b.severity === null) {
    parts.push(html`<span class="status-ok">✓ ok</span>`);
  }
  const others = b.rules.filter((r) => r !== "PG107" && r !== "PG101" && r !== "PG102");
  if (others.length > 0)
    parts.push(html` ${others.map((r) => html`<span class="rule" title="${title(r)}">${r}</span>`)}`);
  const s = b.suggestion;
  const proposes = s && ((s.port !== undefined && s.port !== b.hostPort) || (s.variable && s.variable !== b.variable));
  if (s && proposes) {
    const what = [s.port !== undefined ? String(s.port) : null, s.variable ?? null].filter(Boolean).join(" · ");
    parts.push(html`<br><span class="suggest">→ use ${what}</span>`);
  }
  return html`${parts}`;
}

/** A path that may wrap after its slashes, and only there. */
function breakable(path: string): Markup {
  return html`${path.split("/").map((part, i) => html`${i > 0 ? html`/<wbr>` : ""}${part}`)}`;
}

function bindingRow(b: PlannedBinding, anchors: Anchors): Markup {
  const id = anchors.claim(b);
  const status = statusClass(b);
  const where = `${b.file}:${b.line}`;
  const container = portsText(b.containerPort, b.containerPortEnd);
  const ip = b.hostIp === "" ? "" : b.hostIp.includes(":") ? `[${b.hostIp}]:` : `${b.hostIp}:`;
  return html`<tr${id ? html` id="${id}"` : ""} class="binding ${status}" data-binding="${b.id}" data-service="${b.service}" data-port="${b.hostPort ?? ""}" data-status="${status}">
<td class="num right">${ip}${bindingPorts(b)}/${b.protocol}</td><td>${b.service}</td><td>${b.category}</td><td>${b.variable ? html`<code>${b.variable}</code>` : html`<span class="muted">literal</span>`}</td><td class="num right">${container}</td><td><code>${breakable(where)}</code></td><td class="status">${statusCell(b, anchors)}</td></tr>
`;
}

function reservationRow(r: Reservation): Markup {
  const what =
    r.kind === "registry" ? "registry allocation, not published" : `allowed${r.reason ? `: ${r.reason}` : ""}`;
  return html`<tr class="held" data-reserved="${r.port}" data-status="held">
<td class="num right">${r.port}</td><td>${r.service}</td><td class="muted">—</td><td>${r.variable ? html`<code>${r.variable}</code>` : ""}</td><td></td><td class="muted">policy</td><td>${what}</td></tr>
`;
}

const TABLE_HEAD = html`<thead><tr><th scope="col" class="right">Host port</th><th scope="col">Service</th><th scope="col">Category</th><th scope="col">Variable</th><th scope="col" class="right">Container</th><th scope="col">Where</th><th scope="col">Status</th></tr></thead>`;

function table(caption: string, rows: Markup[]): Markup {
  return html`<div class="table"><table><caption>${caption}</caption>${TABLE_HEAD}<tbody>
${rows}</tbody></table></div>`;
}

const BAND_WIDTH = 1000;
const BAND_HEIGHT = 30;

function band(r: RangeOccupancy, label: string): Markup {
  const scale = BAND_WIDTH / r.size;
  const rect = (start: number, end: number, cls: string, title: string) => {
    const from = Math.max(start, r.range.start);
    const to = Math.min(end, r.range.end);
    const x = (from - r.range.start) * scale;
    const width = Math.max((to - from + 1) * scale, 2);
    return html`<rect class="${cls}" x="${x.toFixed(2)}" y="0" width="${width.toFixed(2)}" height="${BAND_HEIGHT}"><title>${title}</title></rect>`;
  };
  const held = r.reservations.map((h) =>
    rect(h.port, h.port, "held", `${h.port}: held for ${h.service} (${h.kind === "registry" ? "registry" : "allow"})`),
  );
  // Conflicts last, so that they are drawn on top.
  const order = (b: PlannedBinding) => ({ ok: 0, misplaced: 1, conflict: 2 })[statusClass(b)];
  const bindings = [...r.bindings]
    .sort((a, b) => order(a) - order(b))
    .map((b) =>
      rect(
        b.hostPort as number,
        b.hostPortEnd ?? (b.hostPort as number),
        statusClass(b),
        `${bindingPorts(b)}: ${b.service} (${b.category})${b.variable ? ` ${b.variable}` : ""}, ${b.file}:${b.line}`,
      ),
    );
  return html`<svg class="band" viewBox="0 0 ${BAND_WIDTH} ${BAND_HEIGHT}" preserveAspectRatio="none" role="img" aria-label="${label}">
<rect class="free" x="0" y="0" width="${BAND_WIDTH}" height="${BAND_HEIGHT}"><title>free</title></rect>${held}${bindings}</svg>
<div class="axis" aria-hidden="true"><span>${r.range.start}</span><span>${r.range.end}</span></div>`;
}

const MAX_STRETCHES = 12;

function stretches(r: RangeOccupancy): Markup {
  if (r.freeStretches.length === 0) return html`<p class="stretches"><strong>No free port.</strong></p>`;
  const shown = r.freeStretches.slice(0, MAX_STRETCHES).map((s, i) => {
    const n = s.end - s.start + 1;
    return html`${i > 0 ? ", " : ""}<span class="num">${portsText(s.start, s.end)}</span> <span class="muted">(${n})</span>`;
  });
  const rest = r.freeStretches.slice(MAX_STRETCHES);
  const more =
    rest.length > 0
      ? html`, and ${rest.length} more stretch${rest.length === 1 ? "" : "es"} (${rest.reduce((n, s) => n + s.end - s.start + 1, 0)} ports)`
      : "";
  return html`<p class="stretches">Free: ${shown}${more}</p>`;
}

function rangeSection(r: RangeOccupancy, id: string, anchors: Anchors): Markup {
  const who = r.range.for.length > 0 ? `for ${r.range.for.join(", ")}` : "nobody may publish here";
  const next = nextFreeText(r);
  const label = `${r.range.name} ${portsText(r.range.start, r.range.end)}: ${r.used} of ${r.size} ports used${r.next === null ? "" : `, next free ${next}`}`;
  const rows = [...r.bindings.map((b) => bindingRow(b, anchors)), ...r.reservations.map(reservationRow)];
  const body =
    rows.length > 0 ? table(`What sits in ${r.range.name}`, rows) : html`<p class="muted">Nothing published here.</p>`;
  return html`<section class="range" id="${id}" aria-labelledby="${id}-h" data-range="${r.range.name}" data-host="${r.host}">
<div class="head"><h2 id="${id}-h">${r.range.name} <span class="num muted">${portsText(r.range.start, r.range.end)}</span></h2>
<dl class="stats"><div><dt>used</dt><dd data-used>${r.used}</dd></div><div><dt>free</dt><dd data-free>${r.free}</dd></div><div><dt>next free</dt><dd data-next>${next}</dd></div></dl></div>
<p class="muted">${who}${r.range.description ? ` — ${r.range.description}` : ""}</p>
${band(r, label)}
${stretches(r)}
${body}
</section>
`;
}

function listSection(id: string, title: string, intro: string, bindings: PlannedBinding[], anchors: Anchors): Markup {
  if (bindings.length === 0) return html``;
  return html`<section id="${id}" aria-labelledby="${id}-h"${id === "outside" ? html` class="alert"` : ""}>
<h2 id="${id}-h">${title} <span class="muted">(${bindings.length})</span></h2>
<p class="muted">${intro}</p>
${table(
  title,
  bindings.map((b) => bindingRow(b, anchors)),
)}
</section>
`;
}

function conflictList(plan: PortPlan, anchors: Anchors): Markup {
  const conflicting = plan.bindings.filter((b) => b.rules.includes("PG107"));
  if (conflicting.length === 0) return html``;
  const items = conflicting.map(
    (b) =>
      html`<li><a href="#${b.id}">${b.service} ${bindingPorts(b)}/${b.protocol}</a> <span class="muted">(${b.file}:${b.line})</span> also published by ${relatedLinks(b.conflictsWith, anchors)}</li>`,
  );
  return html`<section id="conflicts" class="alert" aria-labelledby="conflicts-h">
<h2 id="conflicts-h">Conflicts <span class="muted">(${conflicting.length} bindings)</span></h2>
<p class="muted">Two bindings on one host and protocol publish the same host port: the second container does not start.</p>
<ul>${items}</ul>
</section>
`;
}

/** The page. Deterministic: no clock, no randomness, so it can be committed and diffed. */
export function formatPortsHtml(plan: PortPlan, options: HtmlOptions): string {
  const anchors = new Anchors(plan);
  const several = plan.hosts.length > 1;
  const sectionId = new Map<RangeOccupancy, string>();
  plan.ranges.forEach((r, i) => {
    sectionId.set(r, `r${i + 1}`);
  });
  const navItems = plan.ranges.map(
    (r) =>
      html`<li><a href="#${sectionId.get(r)}">${several ? `${r.host}: ` : ""}${r.range.name} ${portsText(r.range.start, r.range.end)}</a> <span class="muted">${r.used} used</span></li>`,
  );
  const extra: [string, string, number][] = [
    ["conflicts", "Conflicts", plan.summary.conflicts],
    ["outside", "Outside the plan", plan.outside.length],
    ["ungoverned", "Ungoverned", plan.ungoverned.length],
    ["unpinned", "Random host ports", plan.unpinned.length],
  ];
  for (const [id, title, n] of extra) {
    if (n > 0) navItems.push(html`<li><a href="#${id}">${title}</a> <span class="muted">${n}</span></li>`);
  }
  const sections: Markup[] = [];
  for (const host of plan.hosts) {
    if (several) sections.push(html`<h2 class="host">Host ${host}</h2>\n`);
    for (const r of plan.ranges.filter((x) => x.host === host))
      sections.push(rangeSection(r, sectionId.get(r) as string, anchors));
  }
  const { bindings, conflicts, misplaced } = plan.summary;
  return `<!DOCTYPE html>
${
  html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="portguard ${options.toolVersion}">
<title>Port map: ${options.title}</title>
<style>${new Markup(STYLE)}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the ranges</a>
<svg width="0" height="0" style="position:absolute" aria-hidden="true" focusable="false"><defs><pattern id="pg-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="hatch-bg" width="8" height="8"></rect><line class="hatch-line" x1="0" y1="0" x2="0" y2="8"></line></pattern></defs></svg>
<header>
<h1>Port map: ${options.title}</h1>
<p class="totals"><strong>${bindings}</strong> published port mapping${bindings === 1 ? "" : "s"} · <strong data-conflicts>${conflicts}</strong> in conflict · <strong data-misplaced>${misplaced}</strong> out of range · <strong>${plan.ranges.length}</strong> range${plan.ranges.length === 1 ? "" : "s"}${several ? ` on ${plan.hosts.length} hosts` : ""}</p>
<nav aria-label="Sections"><ul>${navItems}</ul></nav>
<ul class="legend" aria-label="Legend"><li><span class="swatch s-ok"></span>allocated</li><li><span class="swatch s-conflict"></span>conflict</li><li><span class="swatch s-misplaced"></span>out of range</li><li><span class="swatch s-held"></span>held by the policy</li><li><span class="swatch s-free"></span>free</li></ul>
</header>
<main id="main">
${conflictList(plan, anchors)}${sections}${listSection("outside", "Outside the plan", "Governed services publishing outside every range: each should move to the port shown.", plan.outside, anchors)}${listSection("ungoverned", "Ungoverned", "Services whose category owns no range, published outside the ranges: the plan does not govern them.", plan.ungoverned, anchors)}${listSection("unpinned", "Random host ports", "No host port is written: the engine picks a free one at start-up.", plan.unpinned, anchors)}</main>
<footer>Generated by portguard ${options.toolVersion} from the policy and the compose files. Free means not published on the host, not allocated in the registry, not allow-listed.</footer>
</body>
</html>
`.text
}`;
}
