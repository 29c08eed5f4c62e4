import type { NewUser } from '@anjian/persistence';

/**
 * Demo users of the development provider (issue 12; docs/identity.md). The username is the directory
 * id and the token's `sub`; `npm run -s token -- officer@140105` prints a bearer token for one.
 * Sectors [] = all sectors. loadSeeds adds a missing one and never changes an existing one, so an
 * administrator's change (disabling, a new role) survives the next start.
 */
export const DEMO_USERS: readonly NewUser[] = [
  { id: 'officer@140105', name: '王建国', role: 'officer', jurisdiction: '140105', sectors: ['industry_trade', 'hazardous_chemicals'] },
  { id: 'officer2@140105', name: '李消防', role: 'officer', jurisdiction: '140105', sectors: ['fire'] },
  { id: 'officer@140106', name: '赵工贸', role: 'officer', jurisdiction: '140106', sectors: ['industry_trade'] },
  { id: 'supervisor@140100', name: '张监督', role: 'supervisor', jurisdiction: '140100', sectors: [] },
  { id: 'head@140100', name: '刘局长', role: 'agency_head', jurisdiction: '140100', sectors: [] },
  { id: 'admin@000000', name: '国家管理员', role: 'administrator', jurisdiction: '000000', sectors: [] },
  { id: 'admin@140000', name: '山西管理员', role: 'administrator', jurisdiction: '140000', sectors: [] },
  { id: 'viewer@140000', name: '山西查阅员', role: 'viewer', jurisdiction: '140000', sectors: [] },
];
