// A person who configured both tenants before ever opening the walkthrough "Federate two Auth0
// tenants" finds step 1 done when they open it (it used to stay open: VS Code's walkthrough service
// starts lazily and does not complete an onContext step whose key was already true). The rest of
// the walkthrough, opened first and followed step by step, is journey.ui.ts.
import { startSandbox } from '../../sandbox';
import type { UiScenario } from './context';
import { addTenantFromPalette } from './helpers';
import { expectDone, openWalkthrough } from './walkthroughPage';

/** A user whose VS Code never showed the walkthrough: no progress kept from another scenario. */
export const freshProfile = true;

const scenario: UiScenario = async ({ page, screenshot }) => {
  const sandbox = await startSandbox({ testShortcuts: false });
  try {
    for (const [tenant, label] of [
      [sandbox.provider, 'Sandbox Provider'],
      [sandbox.rp, 'Sandbox RP'],
    ] as const) {
      await addTenantFromPalette(page, {
        baseUrl: tenant.baseUrl,
        label,
        clientId: tenant.m2m.clientId,
        clientSecret: tenant.m2m.clientSecret,
      });
    }
    // Only now is the walkthrough opened: step 1 done, and no other.
    await openWalkthrough(page);
    await expectDone(page, ['tenants']);
    await screenshot('1-walkthrough-tenants-done');
  } finally {
    await sandbox.close();
  }
};

export default scenario;
