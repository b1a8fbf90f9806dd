import { GRID_KINDS } from '@tradeloop/core';
import { UPLOAD_KINDS } from '@tradeloop/store';
import type { PageServerLoad } from './$types';

/** The imports a file can feed and the grids that download as files. */
export const load: PageServerLoad = () => ({
  importKinds: [...UPLOAD_KINDS],
  gridKinds: [...GRID_KINDS],
});
