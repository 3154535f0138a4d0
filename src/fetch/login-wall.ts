/** Heuristics for "this site wants you to sign in first" — a redirect to a login page or a login form. */

const loginPath =
  /(^|\/)(login|log-in|logon|signin|sign-in|sign_in|authwall|auth|sso|session\/new|sessions\/new|uas\/login|accounts\/login|account\/login)(\/|$|\.|;)/i;

/** True when the URL points at a sign-in page. */
export function isLoginUrl(url: URL): boolean {
  return loginPath.test(url.pathname);
}

/** True when the HTML holds a password field or a form posting to a login endpoint. */
export function hasLoginForm(html: string): boolean {
  if (/<input[^>]+type\s*=\s*["']?password/i.test(html)) return true;
  return /<form[^>]+action\s*=\s*["'][^"']*(login|signin|sign-in|session)/i.test(html);
}
