// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    /** An error page's data: a request refused at the boundary names its code and path. */
    interface Error {
      message: string;
      code?: string;
      path?: (string | number)[];
    }
  }
}

export {};
