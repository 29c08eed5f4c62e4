import { freeText, JurisdictionCode, Role } from '@anjian/domain';
import { sectorIds } from '@anjian/seeds/catalog/sectors';
import { z } from 'zod';
import { Reason } from '../admin.schemas';

/** A user id as the directory stores it (== the username in tokens), e.g. officer@140105. */
export const UserId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}$/, 'a user id: letters, digits and . _ : @ -, at most 64, starting with a letter or digit');
export const UserIdParams = z.object({ id: UserId }).strict();

/** Sectors a user works in ([] = all; only officers are narrowed by them). */
const Sectors = z
  .array(z.enum(sectorIds as [string, ...string[]]))
  .max(64)
  .refine((s) => new Set(s).size === s.length, 'a sector appears twice');

export const UserSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: Role,
    jurisdiction: z.string().describe('行政区划代码'),
    sectors: z.array(z.string()).describe('[] = all sectors'),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'User' });

export const UserListQuery = z
  .object({
    jurisdiction: JurisdictionCode.optional().describe('only users in this subtree (within your own)'),
    role: Role.optional(),
    active: z.enum(['true', 'false']).optional(),
  })
  .strict();

export const CreateUserBody = z
  .object({
    id: UserId,
    name: freeText({ max: 100, trim: true }),
    role: Role,
    jurisdiction: JurisdictionCode,
    sectors: Sectors.default([]),
    reason: Reason,
  })
  .strict();
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const PatchUserBody = z
  .object({
    name: freeText({ max: 100, trim: true }).optional(),
    role: Role.optional(),
    jurisdiction: JurisdictionCode.optional(),
    sectors: Sectors.optional(),
    active: z.boolean().optional().describe('false disables the account at once (its tokens stop working on the next request)'),
    reason: Reason,
  })
  .strict()
  .refine((b) => ['name', 'role', 'jurisdiction', 'sectors', 'active'].some((k) => k in b), {
    message: 'change at least one of name, role, jurisdiction, sectors, active',
  });
export type PatchUserBody = z.infer<typeof PatchUserBody>;
