declare module '@tradeloop/ui/handler' {
  import type { RequestListener } from 'node:http';
  /** The SvelteKit app built by adapter-node, as a plain Node request handler. */
  export const handler: RequestListener;
}
