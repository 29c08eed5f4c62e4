import { z } from 'zod';

/** Where a case comes from (domain.md §2.1 channels). */
export const CaseSource = z.enum([
  'inspection', // 检查发现 inspection finding
  'self_report', // 企业自查上报 enterprise self-report
  'verified_tip', // 举报查实 verified public tip
  'department_transfer', // 部门移交 transfer from another department
  'monitoring_alert', // 监测预警 monitoring alert
  'accident', // 事故暴露 exposed by an accident
]);
export type CaseSource = z.infer<typeof CaseSource>;
