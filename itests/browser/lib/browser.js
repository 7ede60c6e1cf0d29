// Debian's Chromium driven by playwright-core, one fresh profile per run, with the checks every page gets:
// axe-core's findings, screenshots at a phone's and a desktop's size, and the page's own faults.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1280, height: 800 };

/** The flags that keep Chromium quiet on a machine without the internet and without a display. */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Starts Chromium on a new user-data folder (removed by close()), and watches every page it opens: a request to
 * another host (but the origins in also), an uncaught exception and a JavaScript dialog (an injected script's
 * alert) are kept in faults.
 */
export async function open(origin, viewport = DESKTOP, also = []) {
  const profile = mkdtempSync(join(tmpdir(), 'dash-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ARGS,
    viewport,
    timeout: 60_000,
  });
  const faults = [];
  const dialogs = [];
  const watch = (page) => {
    page.on('request', (request) => {
      const url = request.url();
      if (![origin, ...also, 'data:', 'blob:'].some((allowed) => url.startsWith(allowed))) {
        faults.push(`a request outside the device: ${url}`);
      }
    });
    page.on('pageerror', (error) => faults.push(`an uncaught error in the page: ${error.message}`));
    page.on('dialog', async (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      await dialog.dismiss().catch(() => {});
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(10_000);
  return {
    context,
    page,
    faults,
    dialogs,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** axe-core's serious and critical findings on the page as it is now, one line each. */
export async function accessibilityFindings(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.addScriptTag({ path: AXE });
  }
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.targets.join(', ')}`);
}

/**
 * Screenshots of the page at the phone's and the desktop's size under dir (name-375x812.png, name-1280x800.png),
 * with axe-core run at each size and the page's width checked against the screen's; answers the findings, and
 * leaves the page at the desktop's size.
 */
export async function shootAndCheck(page, dir, name) {
  mkdirSync(dir, { recursive: true });
  const findings = [];
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    // Let the layout settle at the new size before it is judged.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await page.screenshot({ path: join(dir, `${name}-${size.width}x${size.height}.png`), fullPage: true });
    // A page wider than the screen makes a person scroll sideways to read it: on a phone it looks broken.
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    if (wide > size.width) {
      findings.push(`${name} at ${size.width}px: the page is ${wide}px wide`);
    }
    for (const f of await accessibilityFindings(page)) {
      findings.push(`${name} at ${size.width}px: ${f}`);
    }
  }
  return findings;
}

/**
 * Fires the mock trigger from the page itself and answers, in the page's clock, how many milliseconds after the
 * request was sent the status element said each of texts (null: not within 5 s). A MutationObserver sees the
 * change as soon as the page makes it, so the figure does not include any polling of this side.
 */
export async function triggerAndWatch(status, token, texts) {
  return status.evaluate(async (el, { texts, token }) => {
    const seen = {};
    const start = performance.now();
    const check = () => {
      for (const t of texts) {
        if (seen[t] === undefined && el.textContent.includes(t)) {
          seen[t] = Math.round(performance.now() - start);
        }
      }
      return texts.every((t) => seen[t] !== undefined);
    };
    let finish;
    const done = new Promise((resolve) => {
      finish = resolve;
    });
    const observer = new MutationObserver(() => check() && finish());
    observer.observe(el, { subtree: true, childList: true, characterData: true, attributes: true });
    const timer = setTimeout(finish, 5_000);
    const r = await fetch('/sensor/mock/trigger', { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    if (check()) {
      finish();
    }
    await done;
    observer.disconnect();
    clearTimeout(timer);
    if (r.status !== 200) {
      return { error: `the trigger answered ${r.status}` };
    }
    return Object.fromEntries(texts.map((t) => [t, seen[t] ?? null]));
  }, { texts, token });
}
