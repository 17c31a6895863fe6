// The OpenID Connect provider of the browser journeys: oidc-provider (an OpenID Certified
// implementation) with static accounts whose claims include `groups`, and one client, the console.
// Started by the end-to-end fixture on 127.0.0.1 with a free port; everything comes from the environment:
//   IDP_PORT, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, POST_LOGOUT_REDIRECT_URI
// Its login page is oidc-provider's development interaction: any password, the login must be an account below.
import { Provider } from 'oidc-provider';

const required = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set`);
    process.exit(2);
  }
  return value;
};

const port = Number(required('IDP_PORT'));
const issuer = `http://127.0.0.1:${port}`;

// Login → claims. Group names are the ones in the console's appsettings.json RoleMappings.
const accounts = {
  hana: { name: 'Hana Ho', groups: ['opsconsole-hk-editors', 'staff-hk'] },
  vera: { name: 'Vera Viewer', groups: ['opsconsole-viewers'] },
  ada: { name: 'Ada Admin', groups: ['opsconsole-admins'] },
  nobody: { name: 'Nora Nobody', groups: ['staff-finance'] },
};

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: required('CLIENT_ID'),
      client_secret: required('CLIENT_SECRET'),
      // The OAuth handler sends the secret in the form body.
      token_endpoint_auth_method: 'client_secret_post',
      redirect_uris: [required('REDIRECT_URI')],
      post_logout_redirect_uris: [required('POST_LOGOUT_REDIRECT_URI')],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  pkce: { required: () => true },
  claims: { openid: ['sub'], profile: ['name', 'groups'] },
  // Put the scope's claims in the id_token too (the console reads groups from there, not from userinfo).
  conformIdTokenClaims: false,
  async findAccount(ctx, sub) {
    const account = accounts[sub];
    if (!account) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...account }) };
  },
  // The console is a first-party client: no consent screen, the grant covers what it asks for.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope(ctx.oidc.params.scope);
    await grant.save();
    return grant;
  },
  cookies: { keys: ['opsconsole-test-idp-cookie-key'] },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
});

const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`test identity provider listening on ${issuer}`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
