// What the extension bundle and the lazily loaded Auth0 bundle share at run time: built once as
// dist/shared.js and required by both (esbuild.mjs), so each error class and the tenant URL rules
// exist once, and `instanceof` works on an error whichever bundle threw it.
export * from './errors';
export * from './tenantUrl';
