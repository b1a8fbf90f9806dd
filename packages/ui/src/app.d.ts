// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Actor, ApiScope } from '@tradeloop/core';

declare global {
  namespace App {
    /** An error page's data: a request refused at the boundary names its code and path. */
    interface Error {
      message: string;
      code?: string;
      path?: (string | number)[];
    }
    /** What the server's guard (hooks.server.ts) found out about the request. */
    interface Locals {
      /** Who is acting; unset only on the sign-in pages for someone not signed in. */
      actor?: Actor;
      /** The session token of a signed-in person (unset on a book without users). */
      session?: string | undefined;
      /** The CSRF token every form and fetch of this page sends back. */
      csrf: string;
      /** A bearer token's API scopes; unset for a person in the browser, who acts with their whole roles. */
      scopes?: ApiScope[];
      /** Whom the API's rate limit counts: a token, a session, or the one person of a book without users. */
      client?: string;
    }
  }
}
