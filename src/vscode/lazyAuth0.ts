import { join } from 'node:path';
import type * as Auth0 from '../auth0';

let loaded: typeof Auth0 | undefined;

/**
 * The Auth0 client layer (undici and all), loaded on first use from its own bundle
 * (dist/auth0.js), so that activation and editing files never pay for it.
 */
export function auth0(): typeof Auth0 {
  // A computed path keeps esbuild from inlining the module into the extension bundle.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require(join(__dirname, 'auth0.js')) as typeof Auth0);
}
