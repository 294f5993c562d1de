// Signing in: the local host's development tokens, or Microsoft Entra ID through MSAL (same app registration as the API).
import { PublicClientApplication, InteractionRequiredAuthError } from '@azure/msal-browser';

const stored = 'mouazara.session';
let config = { mode: 'none' };
let msal = null;

export async function initAuth() {
  const response = await fetch('config.json', { headers: { Accept: 'application/json' } });
  config = await response.json();
  if (config.mode === 'entra' && config.clientId && config.authority) {
    msal = new PublicClientApplication({
      auth: { clientId: config.clientId, authority: config.authority, redirectUri: location.origin + location.pathname },
      cache: { cacheLocation: 'sessionStorage' },
    });
    await msal.initialize();
    const result = await msal.handleRedirectPromise();
    if (result?.account) msal.setActiveAccount(result.account);
    else if (!msal.getActiveAccount() && msal.getAllAccounts().length) msal.setActiveAccount(msal.getAllAccounts()[0]);
  }
  return config;
}

export const mode = () => config.mode;

/** The signed-in person's roles, read from their access token (the API checks them again on every call). */
export function session() {
  if (config.mode === 'development') {
    const s = JSON.parse(sessionStorage.getItem(stored) ?? 'null');
    return s ? { name: s.name, roles: rolesOf(s.token) } : null;
  }

  const account = msal?.getActiveAccount();
  return account ? { name: account.username, roles: [].concat(account.idTokenClaims?.roles ?? []) } : null;
}

export async function signInDevelopment(role) {
  const response = await fetch(`/dev/token?role=${role}`, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error((await response.json()).title);
  const body = await response.json();
  sessionStorage.setItem(stored, JSON.stringify({ token: body.token, name: `${role}-officer` }));
}

export const signInEntra = () => msal.loginRedirect({ scopes: [config.apiScope] });

export async function signOut() {
  sessionStorage.removeItem(stored);
  if (msal?.getActiveAccount()) await msal.logoutRedirect({ postLogoutRedirectUri: location.origin + location.pathname });
}

export async function token() {
  if (config.mode === 'development') return JSON.parse(sessionStorage.getItem(stored) ?? 'null')?.token;
  const request = { scopes: [config.apiScope], account: msal.getActiveAccount() };
  try {
    return (await msal.acquireTokenSilent(request)).accessToken;
  } catch (e) {
    if (e instanceof InteractionRequiredAuthError) await msal.acquireTokenRedirect(request);
    throw e;
  }
}

function rolesOf(jwt) {
  try {
    const payload = JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return [].concat(payload.roles ?? payload.role ?? []);
  } catch {
    return [];
  }
}
