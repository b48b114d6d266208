/**
 * Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by puppeteer-core
 * (which downloads no browser), with a fresh profile and no background networking, and one
 * function that opens a page from file://, blocks every other request, runs the in-page checks
 * (inpage.js) and saves a full-page screenshot.
 */
import puppeteer, { type Browser } from "puppeteer-core";

/** The browser binary (Debian's `chromium` package; .ci/run installs it). */
export const CHROMIUM = Deno.env.get("CHROMIUM") ?? "/usr/bin/chromium";

/** Flags: headless without a sandbox or GPU, and nothing that phones home. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-breakpad",
  "--disable-crash-reporter",
  "--disable-dev-shm-usage",
  "--hide-scrollbars",
];

/** Launch headless Chromium with a fresh profile in `profileDir` (created here). */
export async function launchBrowser(profileDir: string): Promise<Browser> {
  await Deno.mkdir(profileDir, { recursive: true });
  return await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, `--user-data-dir=${profileDir}`],
    // Keep puppeteer from installing its own SIGINT/SIGTERM/exit handlers in the test runner.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

/** A figure found on a page (outermost `<svg>`). */
export interface PageFigure {
  name: string;
  kind: string | null;
  width: number;
  height: number;
  marks: number;
  /** The "no data" message when the figure says there is nothing to draw. */
  noData: string | null;
  /** The figcaption of the `<figure>` around it. */
  caption: string;
}

/** A figure with `data-kind`: its mark groups and the `<title>` of each mark. */
export interface TitledFigure {
  kind: string;
  groups: { label: string; titles: (string | null)[] }[];
  /** The text of the figure's text marks, in order. */
  texts: string[];
}

/** What the checks found on one page. */
export interface PageReport {
  url: string;
  figures: PageFigure[];
  tables: number;
  katex: number;
  links: number;
  titled: TitledFigure[];
  /** Everything a user would find wrong: console errors, failed or blocked requests, clipped or
   * empty figures, broken links, raw TeX. Empty when the page is fine. */
  problems: string[];
  seconds: number;
}

// The file is one function expression (deno fmt ends it with a semicolon).
const INPAGE = Deno.readTextFileSync(new URL("./inpage.js", import.meta.url)).trim().replace(
  /;$/,
  "",
);

/**
 * Open `path` from file:// in a new tab, check it and save a full-page PNG to `screenshot`.
 * Requests other than file: and data: are aborted and reported (the pages need no network).
 */
export async function checkPage(
  browser: Browser,
  path: string,
  screenshot: string,
  viewport = { width: 1200, height: 900 },
): Promise<PageReport> {
  const started = performance.now();
  const url = `file://${path}`;
  const problems: string[] = [];
  const page = await browser.newPage();
  try {
    await page.setViewport(viewport);
    await page.setRequestInterception(true);
    page.on("request", (req) => {
      const u = req.url();
      if (u.startsWith("file:") || u.startsWith("data:")) void req.continue();
      else {
        problems.push(`network request blocked: ${u}`);
        void req.abort("blockedbyclient");
      }
    });
    page.on("requestfailed", (req) => {
      const why = req.failure()?.errorText ?? "";
      if (why !== "net::ERR_BLOCKED_BY_CLIENT") {
        problems.push(`request failed: ${req.url()} ${why}`);
      }
    });
    page.on("console", (msg) => {
      if (msg.type() === "error" || msg.type() === "warn") {
        problems.push(`console ${msg.type()}: ${msg.text()}`);
      }
    });
    page.on("pageerror", (err) => problems.push(`page error: ${(err as Error).message ?? err}`));
    const response = await page.goto(url, { waitUntil: "load" });
    if (!response?.ok()) problems.push(`load failed: ${response?.status()}`);
    const found = await page.evaluate(`(${INPAGE})()`) as Omit<PageReport, "url" | "seconds">;
    await page.screenshot({ path: screenshot, fullPage: true });
    return {
      ...found,
      url,
      problems: [...problems, ...found.problems],
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await page.close();
  }
}
