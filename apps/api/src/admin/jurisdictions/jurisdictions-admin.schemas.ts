import { freeText, JurisdictionCode } from '@anjian/domain';
import { z } from 'zod';
import { Reason } from '../admin.schemas';

export const JurisdictionSchema = z
  .object({
    code: z.string().describe('行政区划代码'),
    nameZh: z.string(),
    nameEn: z.string(),
    parent: z.string().nullable(),
  })
  .meta({ id: 'Jurisdiction' });

export const CreateJurisdictionBody = z
  .object({
    code: JurisdictionCode,
    nameZh: freeText({ max: 100, trim: true }),
    nameEn: freeText({ max: 200, trim: true }),
    parent: JurisdictionCode,
    reason: Reason,
  })
  .strict();
export type CreateJurisdictionBody = z.infer<typeof CreateJurisdictionBody>;
