// Small person-like steps on the workbench that UI scenarios share. Every wait has a deadline;
// none sleeps a fixed time.
import { readFileSync } from 'node:fs';
import { pollUntil } from '../../pollUntil';
import * as path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { scaled } from '../../slowness';

export const QUICK_INPUT = '.quick-input-widget';

/** Waits until the workbench has rendered and its extension host is connected. */
export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: scaled(timeoutMs) });
  await page.locator('.part.statusbar').waitFor({ state: 'visible', timeout: scaled(timeoutMs) });
}

/** Opens the command palette (F1) and returns its input box. */
export async function openCommandPalette(page: Page, timeoutMs = 15_000): Promise<Locator> {
  const input = page.locator(`${QUICK_INPUT} .quick-input-box input`);
  const deadline = Date.now() + scaled(timeoutMs);
  // The first F1 can land before the workbench takes keyboard focus; press again until it opens.
  for (;;) {
    await page
      .locator('.monaco-workbench')
      .focus()
      .catch(() => undefined);
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: Math.min(3000, Math.max(1, deadline - Date.now())) });
      return input;
    } catch (err) {
      if (Date.now() >= deadline)
        throw new Error(`the command palette did not open within ${timeoutMs / 1000} s: ${String(err)}`);
    }
  }
}

/**
 * The rows of one sidebar view, found by its header's title ("Tenants", "Connection Files"): a
 * row's text alone can match another view's row (a file's environment row names the tenant too).
 */
export function viewRows(page: Page, viewTitle: string): Locator {
  return page
    .locator('.part.sidebar .pane')
    .filter({ has: page.locator('.pane-header .title', { hasText: new RegExp(`^${viewTitle}$`) }) })
    .locator('.monaco-list-row');
}

/** The quick input's text box. */
export const quickInputBox = (page: Page): Locator => page.locator(`${QUICK_INPUT} .quick-input-box input`);

/** Types `filter` into the quick input, waits for `first` at the top of its list, presses Enter. */
export async function filterAndPick(page: Page, filter: string, first = filter): Promise<void> {
  await quickInputBox(page).pressSequentially(filter);
  await waitForRows(page, (rows) => rows.length >= 1 && rows[0]!.includes(first));
  await page.keyboard.press('Enter');
}

/** The labels of the rows the quick input currently shows. */
export async function quickInputRows(page: Page): Promise<string[]> {
  return page
    .locator(`${QUICK_INPUT} .monaco-list-row`)
    .evaluateAll((rows) => rows.map((r) => (r.getAttribute('aria-label') ?? r.textContent ?? '').trim()));
}

/** Polls the quick input until `match` accepts its rows, or throws with what it showed. */
export async function waitForRows(
  page: Page,
  match: (rows: string[]) => boolean,
  timeoutMs = 20_000,
): Promise<string[]> {
  let rows: string[] = [];
  return pollUntil(
    'the expected rows in the quick input',
    async () => {
      rows = await quickInputRows(page);
      return match(rows) && rows;
    },
    { timeoutMs, intervalMs: 100 },
  ).catch(() => {
    throw new Error(
      `the quick input did not show the expected rows within ${timeoutMs / 1000} s; it showed: ${JSON.stringify(rows)}`,
    );
  });
}

/**
 * Opens the palette, types `query` as a person would, and waits for rows that `match` accepts.
 * The palette lists the extension's commands only once the extension host has registered them;
 * a palette opened before that does not refresh, so it is closed and typed into again until the
 * deadline. Leaves the palette open, showing the matching rows, and returns them.
 */
export async function typeInPalette(
  page: Page,
  query: string,
  match: (rows: string[]) => boolean,
  timeoutMs = 30_000,
): Promise<string[]> {
  const deadline = Date.now() + scaled(timeoutMs);
  for (;;) {
    const input = await openCommandPalette(page);
    await input.pressSequentially(query);
    try {
      return await waitForRows(page, match, Math.min(3000, Math.max(1, deadline - Date.now())));
    } catch (err) {
      if (Date.now() >= deadline) throw err;
      await page.keyboard.press('Escape');
      await input.waitFor({ state: 'hidden', timeout: scaled(5000) });
    }
  }
}

/**
 * Types a command's palette label, waits for its row and runs it with Enter. Under load a
 * keystroke or an Enter can be dropped, so what the palette shows decides, not what was sent:
 * - the palette closed, or another input replaced it (the command asks something): it ran;
 * - the palette still shows the typed label: the Enter was lost, press it again;
 * - the palette shows another query (typing was lost, its rows unfiltered): type the label anew.
 * Enter is pressed only with the command's own row focused, so it never runs another command.
 */
export async function runCommandFromPalette(page: Page, label: string, timeoutMs = 15_000): Promise<void> {
  const input = page.locator(`${QUICK_INPUT} .quick-input-box input`);
  const query = `>${label}`;
  const deadline = Date.now() + scaled(timeoutMs);
  type PaletteState = 'gone' | 'label' | 'other query';
  const paletteState = async (): Promise<PaletteState> => {
    if (!(await input.isVisible())) return 'gone';
    const value = await input.inputValue().catch(() => '');
    if (value === query) return 'label';
    return value.startsWith('>') ? 'other query' : 'gone';
  };
  // A row's label is the command's, then ", recently used" or its key binding.
  const isTheCommand = (row: string): boolean => row === label || row.startsWith(`${label},`);
  const focusedRow = (): Promise<string> =>
    page
      .locator(`${QUICK_INPUT} .monaco-list-row.focused`)
      .first()
      .getAttribute('aria-label', { timeout: scaled(2000) })
      .then((l) => l ?? '')
      .catch(() => '');
  for (;;) {
    await typeInPalette(page, label, (rows) => rows.some(isTheCommand));
    if ((await input.inputValue()) !== query) {
      await input.fill(query);
      await waitForRows(page, (rows) => rows.some(isTheCommand));
    }
    // A recently used command that also matches can sit above it: move down to the command.
    for (let i = 0; i < 10 && !isTheCommand(await focusedRow()); i++) await page.keyboard.press('ArrowDown');
    let state: PaletteState = 'label';
    while (state === 'label') {
      await page.keyboard.press('Enter');
      const pollEnd = Date.now() + scaled(2000);
      // bounded poll: the palette answers an Enter within moments
      while (Date.now() < pollEnd && (state = await paletteState()) === 'label')
        await new Promise((r) => setTimeout(r, 100));
      if (state === 'gone') return;
      if (Date.now() > deadline) throw new Error(`the palette did not run "${label}" within ${timeoutMs / 1000} s`);
    }
    // The palette kept another query: close it and type the label again.
    await page.keyboard.press('Escape');
    await input.waitFor({ state: 'hidden', timeout: scaled(5000) }).catch(() => undefined);
    if (Date.now() > deadline) throw new Error(`the palette did not run "${label}" within ${timeoutMs / 1000} s`);
  }
}

export interface ManifestCommand {
  command: string;
  title: string;
  category?: string | undefined;
}

/** The extension's contributed commands, with %key% titles resolved from package.nls.json. */
export function manifestCommands(repoRoot: string): ManifestCommand[] {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  let nls: Record<string, string> = {};
  try {
    nls = JSON.parse(readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8'));
  } catch {
    /* no translations */
  }
  const resolve = (s: unknown): string | undefined => {
    if (typeof s !== 'string') return undefined;
    const m = /^%(.+)%$/.exec(s);
    return m ? (nls[m[1]!] ?? s) : s;
  };
  const cmds = (pkg.contributes?.commands ?? []) as { command: string; title: unknown; category?: unknown }[];
  return cmds.map((c) => ({ command: c.command, title: resolve(c.title) ?? c.command, category: resolve(c.category) }));
}

/** How the palette labels a command: "Category: Title", or the title alone. */
export function paletteLabel(c: ManifestCommand): string {
  return c.category ? `${c.category}: ${c.title}` : c.title;
}

export interface TenantToAdd {
  readonly baseUrl: string;
  /** Scenarios share one VS Code profile: a label of its own keeps the toast and pickers unambiguous. */
  readonly label: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * Adds a tenant with a machine-to-machine application through "Auth0 OIDC: Add Tenant", by
 * keyboard, and waits for the extension to say it checked the credentials.
 */
export async function addTenantFromPalette(page: Page, tenant: TenantToAdd): Promise<void> {
  await runCommandFromPalette(page, 'Auth0 OIDC: Add Tenant');
  await answerAddTenant(page, tenant);
}

/** Answers Add Tenant's steps, once the command has started (from the palette, a button, a view). */
export async function answerAddTenant(page: Page, tenant: TenantToAdd): Promise<void> {
  await answerStep(page, '(1/6)', tenant.baseUrl);
  await answerStep(page, '(2/6)', ''); // no custom domain
  await answerStep(page, '(3/6)', tenant.label);
  await answerStep(page, '(4/6)', ''); // machine-to-machine application, preselected
  await answerStep(page, '(5/6)', tenant.clientId);
  await answerStep(page, '(6/6)', tenant.clientSecret);
  await chooseTenantScope(page, 'User settings');
  await page
    .locator('.notifications-toasts', { hasText: `Connected to ${tenant.label}` })
    .waitFor({ timeout: scaled(30_000) });
}

/** Add Tenant's last question with a folder open: where the tenant is kept (user or workspace settings). */
export async function chooseTenantScope(
  page: Page,
  label: 'User settings' | "This workspace's settings",
): Promise<void> {
  await waitForRows(page, (rows) => rows.some((r) => r.includes(label)));
  await page.locator(`${QUICK_INPUT} .quick-input-box input`).pressSequentially(label);
  await waitForRows(page, (rows) => rows.length >= 1 && rows[0]!.includes(label));
  await page.keyboard.press('Enter');
}

/** Answers the quick input step whose title contains `title` (e.g. "(2/5)") with `text` and Enter. */
export async function answerStep(page: Page, title: string, text: string): Promise<void> {
  const step = page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: title });
  await step.waitFor({ state: 'visible', timeout: scaled(15_000) });
  const input = page.locator(`${QUICK_INPUT} .quick-input-box input`);
  if (text) {
    await input.pressSequentially(text);
    // Under load a keystroke can be dropped: what the person sees typed is what counts.
    if ((await input.inputValue()) !== text) await input.fill(text);
  }
  await page.keyboard.press('Enter');
  // An Enter dropped under load leaves the step open: press it again while it shows the same text.
  const deadline = Date.now() + scaled(10_000);
  while ((await step.isVisible()) && (await input.inputValue()) === text && Date.now() < deadline) {
    const moved = await step
      .waitFor({ state: 'hidden', timeout: scaled(2000) })
      .then(() => true)
      .catch(() => false);
    if (moved || !(await step.isVisible()) || (await input.inputValue()) !== text) return;
    // Busy (the step checks the answer, e.g. credentials): the Enter arrived; keep waiting.
    if (await page.locator(`${QUICK_INPUT} .monaco-progress-container.active`).isVisible()) continue;
    await page.keyboard.press('Enter');
  }
}

/** The login view's content frame (webview iframe → active frame), once it shows `text`. */
export async function loginViewFrame(page: Page, text: RegExp, timeoutMs: number): Promise<Frame> {
  return pollUntil(
    `the login view to show ${String(text)}`,
    async () => {
      for (const frame of page.frames()) {
        const found = await frame
          .locator('#app')
          .filter({ hasText: text })
          .count()
          .catch(() => 0);
        if (found > 0) return frame;
      }
      return undefined;
    },
    { timeoutMs, intervalMs: 200 },
  );
}

/**
 * Runs a command that asks for a tenant's connection (Open Authorize Link, Test Login) and picks
 * `connection` on the tenant at `baseUrl`. Other scenarios' tenants may be in this profile, so a
 * tenant pick may come first: ours is taken by its port. Leaves the connection picked (Enter).
 */
export async function runOnConnection(page: Page, command: string, baseUrl: string, connection: string): Promise<void> {
  const port = new URL(baseUrl).port;
  await runCommandFromPalette(page, command);
  const first = await waitForRows(page, (rows) => rows.some((r) => r.includes(connection) || r.includes(port)), 30_000);
  if (!first.some((r) => r.includes(connection))) {
    await page.locator(`${QUICK_INPUT} .quick-input-box input`).pressSequentially(port);
    await waitForRows(page, (rows) => rows.length >= 1 && rows.every((r) => r.includes(port)));
    await page.keyboard.press('Enter');
    await waitForRows(page, (rows) => rows.some((r) => r.includes(connection)), 30_000);
  }
  await page.keyboard.press('Enter');
}

/**
 * Tenants configured by earlier scenarios (the profile is shared) turn steps 2 and 6 into pickers;
 * this scenario is about typed entry, so it takes the picker's "Type …" item as a person would.
 */
export async function typeInstead(page: Page, step: number, item: string, many: boolean): Promise<void> {
  await page
    .locator(`${QUICK_INPUT} .quick-input-title`, { hasText: `(${step}/6)` })
    .waitFor({ state: 'visible', timeout: scaled(15_000) });
  // A text box shows its prompt; a picker shows its rows, at least two once loaded (a late load
  // replaces the items and their checks).
  const shown = await pollUntil(
    `step ${step} as a text box or a picker with "${item}"`,
    async () => {
      if (await page.locator(`${QUICK_INPUT} .quick-input-list`).isVisible()) {
        const rows = await quickInputRows(page);
        return rows.length >= 2 && rows.some((x) => x.includes(item)) && 'picker';
      }
      return (await page.locator(`${QUICK_INPUT} .quick-input-message`).isVisible()) && 'text';
    },
    { timeoutMs: 15_000, intervalMs: 100 },
  );
  if (shown === 'text') return;
  await page.locator(`${QUICK_INPUT} .quick-input-box input`).pressSequentially(item);
  await waitForRows(page, (r) => r.length >= 1 && r[0]!.includes(item));
  if (many) {
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
  }
  await page.keyboard.press('Enter');
  // The typed box of the same step replaces the list.
  await page.locator(`${QUICK_INPUT} .quick-input-list`).waitFor({ state: 'hidden', timeout: scaled(15_000) });
}

/**
 * Quick Open, as a person would: Ctrl+P (again until the box shows), the file's name, a click on
 * the file's row (not a deploy diff whose title names it too), until its tab is active.
 */
export async function openFileByQuickOpen(page: Page, name: string): Promise<void> {
  const deadline = Date.now() + scaled(20_000);
  for (;;) {
    await page
      .locator('.monaco-workbench')
      .focus()
      .catch(() => undefined);
    await page.keyboard.press('Control+P');
    try {
      await page.locator(`${QUICK_INPUT} .quick-input-box input`).waitFor({ state: 'visible', timeout: scaled(3000) });
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
  await page.keyboard.type(name);
  const row = page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: name }).filter({ hasNotText: '↔' }).first();
  await row.waitFor({ timeout: scaled(15_000) });
  await row.click();
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: scaled(15_000) });
}

/**
 * Removes a tenant as a person does (palette, pick, confirm), so later scenarios, which share the
 * profile, neither find a tenant whose sandbox is gone nor a Tenants view too long to show theirs.
 */
export async function removeTenantFromPalette(page: Page, label: string): Promise<void> {
  await runCommandFromPalette(page, 'Auth0 OIDC: Remove Tenant');
  await waitForRows(page, (rows) => rows.some((r) => r.includes(label)));
  await filterAndPick(page, label);
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: scaled(15_000) });
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await dialog.waitFor({ state: 'hidden', timeout: scaled(15_000) });
}
