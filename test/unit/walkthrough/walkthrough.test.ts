// The walkthrough's steps point at files that exist and complete on events the extension raises.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

describe('the getting-started walkthrough', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
  const walkthrough = manifest.contributes.walkthroughs[0];
  const source = execFileSync('grep', ['-rhoE', "'auth0Oidc\\.[A-Za-z.]+'", join(root, 'src')], { encoding: 'utf8' });

  it("marks steps complete under the extension's own id (welcome.markStepComplete EXTENSION#WALKTHROUGH#STEP)", () => {
    const source = readFileSync(join(root, 'src', 'walkthrough', 'walkthroughContext.ts'), 'utf8');
    assert.ok(
      source.includes(`EXTENSION_ID = '${manifest.publisher}.${manifest.name}'`),
      'EXTENSION_ID is publisher.name',
    );
    assert.ok(source.includes(`WALKTHROUGH_ID = '${walkthrough.id}'`), 'WALKTHROUGH_ID is the walkthrough id');
  });

  it('goes from the tenants to a provider check, a deploy and a test login', () => {
    assert.deepEqual(walkthrough.steps.map((s: any) => s.id).slice(0, 5), [
      'tenants',
      'connectionFile',
      'providerCheck',
      'deploy',
      'testLogin',
    ]);
  });

  for (const step of JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).contributes.walkthroughs[0].steps) {
    it(`step ${step.id}: media, strings and completion events exist`, () => {
      assert.ok(existsSync(join(root, step.media.markdown)), step.media.markdown);
      for (const key of [step.title, step.description]) assert.ok(nls[key.replace(/%/g, '')], key);
      assert.ok(step.completionEvents.length > 0);
      for (const event of step.completionEvents as string[]) {
        const [kind, id] = event.split(':') as [string, string];
        assert.ok(kind === 'onCommand' || kind === 'onContext', event);
        // A command the manifest contributes, or a context key the extension sets.
        if (kind === 'onCommand')
          assert.ok(
            manifest.contributes.commands.some((c: any) => c.command === id),
            `${id} is contributed`,
          );
        else assert.ok(source.includes(`'${id}'`), `${id} is set somewhere in src/`);
      }
    });
  }
});
