import { z } from 'zod';
import { freeText, identifier } from '../text/free-text';

/** agency_head (负责人) decides transfers and other approvals reserved to the head of the agency. */
export const Role = z.enum(['officer', 'supervisor', 'agency_head', 'administrator', 'viewer']);
export type Role = z.infer<typeof Role>;

/** Six-digit administrative division code (行政区划代码), e.g. 140105 (Taiyuan, Xiaodian district). */
export const JurisdictionCode = z.string().regex(/^\d{6}$/, 'expected a six-digit administrative division code (行政区划代码)');

/**
 * Who does something. Every user-facing action carries it (and the reason, where one applies) so
 * that the audit trail and, later, access control need no re-plumbing.
 */
export const Actor = z.object({
  id: identifier(64),
  name: freeText({ max: 100 }).optional(),
  role: Role,
  jurisdiction: JurisdictionCode,
});
export type Actor = z.infer<typeof Actor>;
