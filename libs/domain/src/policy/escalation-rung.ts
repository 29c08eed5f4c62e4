import { z } from 'zod';
import { Duration } from '@anjian/deadlines/src/duration';

/**
 * Escalation actions (procedures.md §2; domain.md §3.6, §10). The seeds list them together but prescribe
 * no order, so the order lives in each rule's ladder, configured per sector.
 */
export const EscalationAction = z.enum([
  'letter', // 函告
  'circular', // 通报
  'interview', // 约谈
  'exposure', // 曝光
  'listing', // 挂牌督办
  'suspension', // 停产整顿
  'coercive', // 强制措施
  'credit_listing', // 失信
  'transfer', // 移送
]);
export type EscalationAction = z.infer<typeof EscalationAction>;

export const ESCALATION_ACTION_LABELS: Readonly<Record<EscalationAction, { zh: string; en: string }>> = {
  letter: { zh: '函告', en: 'letter' },
  circular: { zh: '通报', en: 'circular' },
  interview: { zh: '约谈', en: 'interview' },
  exposure: { zh: '曝光', en: 'public exposure' },
  listing: { zh: '挂牌督办', en: 'listed supervision' },
  suspension: { zh: '停产整顿', en: 'suspension for rectification' },
  coercive: { zh: '强制措施', en: 'coercive measures' },
  credit_listing: { zh: '失信', en: 'credit (untrustworthy) listing' },
  transfer: { zh: '移送', en: 'transfer' },
};

/** One rung: take `action` once the deadline has been missed by `after`. */
export const EscalationRung = z.object({
  action: EscalationAction,
  after: Duration,
});
export type EscalationRung = z.infer<typeof EscalationRung>;
