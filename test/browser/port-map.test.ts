/**
 * The HTML port map in a real browser: Debian's chromium, headless, driven by playwright-core (which
 * never downloads a browser). The pages come from the built CLI; screenshots are kept in
 * test-artifacts/port-map/ (git-ignored). PORTGUARD_UPDATE_SCREENSHOT=1 also refreshes the README's
 * examples/trading-system/port-map.png.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { projectRoot } from "../support/shared.js";
import { EXAMPLE_AFTER, EXAMPLE_BEFORE, troubledStack } from "../support/stacks.js";

// The page's globals, as far as the page.evaluate callbacks below use them (they run in the browser;
// declared here rather than with the DOM library, which would make them global to src/ too).
interface PageElement {
  textContent: string | null;
  scrollWidth: number;
  clientWidth: number;
  getBoundingClientRect(): { left: number };
}
declare const document: {
  activeElement: PageElement;
  body: PageElement;
  documentElement: PageElement;
  querySelector(selector: string): PageElement | null;
};
declare const window: { innerWidth: number };
declare const location: { hash: string };
declare function getComputedStyle(e: unknown): {
  fill: string;
  outlineStyle: string;
  display: string;
  backgroundColor: string;
  color: string;
};

/** PORTGUARD_CHROMIUM names the browser (a missing path means none); else Debian's. */
function findChromium(): string | null {
  const given = process.env.PORTGUARD_CHROMIUM;
  if (given) return existsSync(given) ? given : null;
  for (const c of ["/usr/bin/chromium", "/usr/bin/chromium-browser"]) if (existsSync(c)) return c;
  try {
    return execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}

const CHROMIUM = findChromium();
if (!CHROMIUM) {
  console.warn("browser test skipped: chromium not found (apt-get install chromium, or set PORTGUARD_CHROMIUM)");
}

const ARTIFACTS = join(projectRoot, "test-artifacts/port-map");
const README_IMAGE = join(projectRoot, "examples/trading-system/port-map.png");

interface Binding {
  service: string;
  hostPort: number | null;
}

describe.skipIf(!CHROMIUM)("the port map in chromium", () => {
  let context: BrowserContext;
  let profile: string;
  let troubled: ReturnType<typeof troubledStack> | undefined;
  const stacks: Record<string, string> = { before: EXAMPLE_BEFORE, after: EXAMPLE_AFTER };
  const pages: Record<string, string> = {};

  beforeAll(async () => {
    troubled = troubledStack();
    stacks.troubled = troubled.dir;
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const [name, dir] of Object.entries(stacks)) {
      const file = join(ARTIFACTS, `${name}.html`);
      const run = runCli(["ports", "--format", "html", "-o", file], { cwd: dir });
      expect(run.status, run.stderr).toBe(0);
      pages[name] = pathToFileURL(file).href;
    }
    profile = mkdtempSync(join(tmpdir(), "portguard-chromium-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM as string,
      headless: true,
      viewport: { width: 1100, height: 1400 },
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    troubled?.remove();
  });

  /** Opens a page, recording every request and every error it makes. */
  async function open(name: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(pages[name] as string);
    return { page, requests, errors };
  }

  for (const name of ["before", "after", "troubled"]) {
    it(`${name}: every binding of the stack has its row; nothing is fetched, nothing fails`, async () => {
      const { page, requests, errors } = await open(name);
      const json = runCli(["ports", "--format", "json"], { cwd: stacks[name] as string });
      const expected = (JSON.parse(json.stdout).bindings as Binding[]).map((b) => `${b.service}:${b.hostPort ?? ""}`);
      const rows = await page
        .locator("tr[id][data-binding]")
        .evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute("data-service")}:${tr.getAttribute("data-port")}`));
      expect(rows.sort()).toEqual(expected.sort());
      expect(expected.length).toBeGreaterThanOrEqual(16);
      expect(requests).toEqual([pages[name]]);
      expect(errors).toEqual([]);
      expect(await page.locator("script").count()).toBe(0);
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
      await page.close();
    });
  }

  it("troubled: the conflict and the binding in the wrong range are marked, in the table and the band", async () => {
    const { page } = await open("troubled");
    const status = (service: string) => page.locator(`tr[id][data-service="${service}"]`).getAttribute("data-status");
    expect(await status("reporting-db")).toBe("conflict");
    expect(await status("timescaledb")).toBe("conflict");
    expect(await status("metrics-app")).toBe("misplaced");
    expect(await status("redis")).toBe("ok");
    expect(await page.locator("[data-conflicts]").textContent()).toBe("2");
    const conflicts = page.locator("#conflicts li");
    expect(await conflicts.count()).toBe(2);
    expect(await conflicts.first().textContent()).toContain("also published by reporting-db");
    // The databases band: its conflict rectangles are drawn, hatched, and say what they are.
    const band = page.locator('section[data-range="databases"] svg.band');
    expect(await band.locator("rect.conflict").count()).toBe(2);
    expect(await band.locator("rect.conflict title").first().textContent()).toMatch(/^7000: /);
    const fill = await band
      .locator("rect.conflict")
      .first()
      .evaluate((r) => getComputedStyle(r).fill);
    expect(fill).toMatch(/url\(.*#pg-hatch.*\)/);
    expect(await page.locator('section[data-range="databases"] [data-next]').textContent()).toBe("7004");
    expect(await page.locator('section[data-range="databases"] [data-used]').textContent()).toBe("11");
    // The page fits its width: nothing scrolls sideways, not even a table.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const overflowing = await page
      .locator("div.table")
      .evaluateAll((divs) => divs.filter((d) => d.scrollWidth > d.clientWidth).length);
    expect(overflowing).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, "troubled-top.png") });
    if (process.env.PORTGUARD_UPDATE_SCREENSHOT) {
      copyFileSync(join(ARTIFACTS, "troubled-top.png"), README_IMAGE);
    }
    await page.close();
  });

  it("keyboard: the skip link comes first and shows its focus, links lead to the rows", async () => {
    const { page } = await open("troubled");
    await page.keyboard.press("Tab");
    const first = await page.evaluate(() => {
      const a = document.activeElement;
      return { text: a.textContent, outline: getComputedStyle(a).outlineStyle, left: a.getBoundingClientRect().left };
    });
    expect(first).toMatchObject({ text: "Skip to the ranges", outline: "solid" });
    expect(first.left).toBeGreaterThanOrEqual(0);
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => location.hash)).toBe("#main");
    // The conflict list's first link, followed with the keyboard, lands on the binding's row.
    const link = page.locator("#conflicts li a").first();
    const target = (await link.getAttribute("href")) as string;
    await link.focus();
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => location.hash)).toBe(target);
    expect(await page.locator(`tr${target}`).getAttribute("data-service")).toBe("timescaledb");
    expect(await page.locator(`tr${target}`).isVisible()).toBe(true);
    await page.close();
  });

  it("light and dark: the colours follow the reader's preference", async () => {
    const { page } = await open("troubled");
    const colours = async () =>
      page.evaluate(() => {
        const body = getComputedStyle(document.body);
        const ok = document.querySelector("svg.band rect.ok");
        return { bg: body.backgroundColor, fg: body.color, ok: ok ? getComputedStyle(ok).fill : "" };
      });
    await page.emulateMedia({ colorScheme: "light" });
    const light = await colours();
    await page.emulateMedia({ colorScheme: "dark" });
    const dark = await colours();
    expect(light.bg).toBe("rgb(255, 255, 255)");
    expect(dark.bg).toBe("rgb(13, 17, 23)");
    expect(dark.fg).not.toBe(light.fg);
    expect(dark.ok).not.toBe(light.ok);
    await page.screenshot({ path: join(ARTIFACTS, "troubled-dark.png") });
    await page.close();
  });

  it("print: no navigation, light colours even in dark mode, and a PDF comes out", async () => {
    const { page } = await open("troubled");
    await page.emulateMedia({ media: "print", colorScheme: "dark" });
    const printed = await page.evaluate(() => ({
      nav: getComputedStyle(document.querySelector("nav")).display,
      bg: getComputedStyle(document.body).backgroundColor,
    }));
    expect(printed).toEqual({ nav: "none", bg: "rgb(255, 255, 255)" });
    const pdf = await page.pdf({ format: "A4" });
    writeFileSync(join(ARTIFACTS, "troubled.pdf"), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    await page.close();
  });
});
