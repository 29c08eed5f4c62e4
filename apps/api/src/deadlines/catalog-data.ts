import { procedures } from '@anjian/seeds/catalog/procedures';
import { sectors } from '@anjian/seeds/catalog/sectors';

/**
 * The sector and procedure catalogs the API validates against. They ship as seed code (validated at
 * import), so there is one import point to swap when they move into the database.
 */
export const catalog = { sectors, procedures } as const;
