import { z } from 'zod';
import { freeText, identifier } from '../text/free-text';
import { SectorId } from '../catalog/sector';
import { Actor, JurisdictionCode, Role } from './actor';

/**
 * Who is calling, resolved from a verified bearer token (it names the user) plus the user directory
 * in PostgreSQL (it says what the user may do: role, jurisdiction, sectors). The token never carries
 * authority of its own, so an administrator's change to the directory takes effect at once.
 */
export const Principal = z.object({
  /** Directory user id == username, e.g. 'officer@140105'. */
  id: identifier(64),
  /** Display name (Chinese). */
  name: freeText({ max: 100 }),
  role: Role,
  /** Six digits; exists in the jurisdictions (行政区划) table. */
  jurisdiction: JurisdictionCode,
  /** SectorIds the user works in; [] = all sectors (supervisor, head, administrator, viewer). */
  sectors: z.array(SectorId).max(64),
});
export type Principal = z.infer<typeof Principal>;

/** The audit shape recorded on events: a Principal without its sectors. */
export function actorOfPrincipal(principal: Principal): Actor {
  return { id: principal.id, name: principal.name, role: principal.role, jurisdiction: principal.jurisdiction };
}

/** An empty sector list means every sector. */
export function principalWorksInSector(principal: Principal, sector: string): boolean {
  return principal.sectors.length === 0 || principal.sectors.includes(sector);
}
