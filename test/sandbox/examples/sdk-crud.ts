// Drives the official `auth0` Node SDK against a sandbox tenant: create, list, update and delete
// an auth0-oidc connection. Used by test/unit/sandbox/sdk.test.ts in a child process (so that
// NODE_EXTRA_CA_CERTS trusts the sandbox CA for the SDK's fetch), and usable by hand:
//
//   NODE_EXTRA_CA_CERTS=/tmp/.../ca.pem npx tsx test/sandbox/examples/sdk-crud.ts \
//     '{"domain":"127.0.0.1:PORT","clientId":"...","clientSecret":"...","name":"sdk-demo","options":{...}}'
//
// Prints one JSON line: what each step returned.
import { ManagementClient } from 'auth0';

interface Input {
  domain: string;
  clientId: string;
  clientSecret: string;
  name: string;
  options: Record<string, string>;
  enableClientId: string;
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as Input;
  const management = new ManagementClient({
    domain: input.domain,
    clientId: input.clientId,
    clientSecret: input.clientSecret,
    maxRetries: 0,
  });

  const created = await management.connections.create({
    name: input.name,
    strategy: 'auth0-oidc',
    options: input.options,
  });
  const id = created.id ?? '';
  await management.connections.clients.update(id, [{ client_id: input.enableClientId, status: true }]);

  const listed: string[] = [];
  const page = await management.connections.list({ strategy: ['auth0-oidc'], take: 2 });
  for await (const connection of page) listed.push(connection.name ?? '');

  const updated = await management.connections.update(id, {
    options: { ...input.options, scope: 'openid profile email' },
    display_name: 'Updated by the SDK',
  });
  const enabled = await management.connections.clients.get(id);
  await management.connections.delete(id);

  let afterDelete: number | undefined;
  try {
    await management.connections.get(id);
  } catch (err) {
    afterDelete = (err as { statusCode?: number }).statusCode;
  }
  process.stdout.write(
    `${JSON.stringify({
      created: { id, name: created.name, strategy: created.strategy },
      listed,
      updated: { display_name: updated.display_name, scope: updated.options?.scope },
      enabled: enabled.data.map((c) => c.client_id),
      afterDelete,
    })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
