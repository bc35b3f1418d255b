console.log('auth0-oidc CLI');
