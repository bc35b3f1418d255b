/**
 * Which auth0-deploy-cli file a path is, from the path alone: light enough for activation
 * (src/extension.ts loads the features when such a file opens).
 */
import { isConnectionFileName } from '../connectionFile/connectionModel';

export type A0DeployFormat = 'yaml' | 'directory';

/**
 * Which a0deploy format a path is in: `tenant.yaml`/`tenant.yml` (YAML) or a JSON file directly
 * in a `connections` folder (directory); the extension's own connection files are never either.
 */
export function a0deployFormatOf(path: string): A0DeployFormat | undefined {
  if (isConnectionFileName(path)) return undefined;
  if (/(^|[\\/])connections[\\/][^\\/]+\.json$/i.test(path)) return 'directory';
  if (/(^|[\\/])tenant\.ya?ml$/i.test(path)) return 'yaml';
  return undefined;
}
