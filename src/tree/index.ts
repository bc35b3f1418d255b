import type { ConnectionFilesProvider } from './connectionFilesProvider';
import type { TenantsTreeProvider } from './tenantsTreeProvider';

/** The two views, for the commands that act on them and for tests (activate() returns them). */
export interface Trees {
  readonly tenantsTree: TenantsTreeProvider;
  readonly connectionFilesTree: ConnectionFilesProvider;
}
