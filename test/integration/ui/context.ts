// What a UI scenario (test/integration/ui/*.ui.ts) receives. A scenario drives the workbench as a
// person would, through the browser page, and throws to fail.
//
//   import type { UiScenario } from './context';
//   const scenario: UiScenario = async ({ page, screenshot }) => { ... };
//   export default scenario;
//
// Scenarios share one code-server profile (user settings, secrets, global state), after the
// in-host suites. A scenario that needs a new user's VS Code adds `export const freshProfile = true;`
// and runs in a code-server of its own.
import type { Locator, Page } from 'playwright-core';

export interface UiContext {
  /** The workbench, loaded with the extension under development and `workspaceDir` open. */
  page: Page;
  /** The folder open in the workbench; a fresh empty copy per scenario (or of ui/workspace/). */
  workspaceDir: string;
  /** The repository root (for reading package.json and the like). */
  repoRoot: string;
  /**
   * Saves a PNG of the page (or of the element `of` locates, e.g. another tab's page or one part
   * of the workbench) into test-artifacts/ui/<scenario>/<name>.png and returns its path.
   */
  screenshot: (name: string, of?: Locator | Page) => Promise<string>;
  /** Prints a line into the run's output, prefixed with the scenario's name. */
  log: (message: string) => void;
  /** Marks the scenario skipped, with a reason shown in the output and counted in the summary. */
  skip: (reason: string) => never;
}

export type UiScenario = (ctx: UiContext) => Promise<void>;

export class SkipScenario extends Error {}
