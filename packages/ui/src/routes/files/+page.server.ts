import { GRID_KINDS } from '@tradeloop/core';
import { FILE_IMPORT_KINDS } from '@tradeloop/store';
import type { PageServerLoad } from './$types';

/** The imports a file can feed and the grids that download as files. */
export const load: PageServerLoad = () => ({
  importKinds: [...FILE_IMPORT_KINDS],
  gridKinds: [...GRID_KINDS],
});
