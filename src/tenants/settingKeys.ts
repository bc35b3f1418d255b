// Where the tenants live in the settings: `auth0Oidc.tenants`. A module of its own, with nothing to
// load, so that activation (the walkthrough's tenant count) can name the setting.

export const CONFIG_SECTION = 'auth0Oidc';
export const TENANTS_SETTING = 'tenants';
