import { checkProcedureCatalog, timedSteps } from '@anjian/domain/src/catalog/procedure';
import { checkSectorCatalog, vocabularyFor } from '@anjian/domain/src/catalog/sector';
import { procedures } from './procedures';
import { sectors } from './sectors';

/** domain.md §4.1, transcribed: sub-plan number → [title stem, lead department as stated]. */
const SUB_PLANS_IN_DOMAIN_MD: Record<number, [string, string]> = {
  1: ['教育系统', '教育部'],
  2: ['工业和信息化系统', '工业和信息化部'],
  3: ['公安系统', '公安部'],
  4: ['民政系统', '民政部'],
  5: ['自然资源系统', '自然资源部'],
  6: ['生态环境系统', '生态环境部'],
  7: ['住房城乡建设系统', '住房城乡建设部'],
  8: ['交通运输系统', '交通运输部'],
  9: ['水利系统', '水利部'],
  10: ['农业农村系统', '农业农村部'],
  11: ['商务系统', '商务部'],
  12: ['文化和旅游系统', '文化和旅游部'],
  13: ['卫生健康系统', '国家卫生健康委'],
  14: ['化工和危险化学品', '应急管理部'],
  15: ['工贸', '应急管理部'],
  16: ['中央企业', '国务院国资委'],
  17: ['海关系统', '海关总署'],
  18: ['市场监管系统', '市场监管总局'],
  19: ['广播电视系统', '国家广播电视总局'],
  20: ['体育系统', '体育总局'],
  21: ['气象系统', '中国气象局'],
  22: ['粮食和物资储备系统', '国家粮食和储备局'],
  23: ['能源电力系统', '国家能源局'],
  24: ['烟草系统', '国家烟草专卖局'],
  25: ['林草系统', '国家林草局'],
  26: ['铁路系统', '国家铁路局'],
  27: ['民航系统', '中国民航局'],
  28: ['邮政系统', '国家邮政局'],
  29: ['文物系统', '国家文物局'],
  30: ['矿山', '国家矿山安监局'],
  31: ['消防', '国家消防救援局'],
};

/** domain.md §4.2: [000] §六's twelve categories, and [002]'s scope. */
const NATIONAL_CATEGORIES_000 = [
  '危险化学品',
  '煤矿',
  '非煤矿山',
  '消防',
  '道路运输',
  '其他交通运输（除道路运输外）',
  '工贸',
  '烟花爆竹',
  '城市建设',
  '农林牧渔业',
  '功能区',
  '危险废物',
];
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const SCOPE_002 = ['危险化学品', '油气', '烟花爆竹'];

describe('sector catalog', () => {
  it('has unique ids and passes the cross-entry checks', () => {
    expect(checkSectorCatalog(sectors)).toEqual([]);
    expect(new Set(sectors.map((s) => s.id)).size).toBe(sectors.length);
  });

  it('holds all 31 sub-plans of [004] with the lead department domain.md §4.1 states', () => {
    const subPlans = sectors.filter((s) => s.kind === 'sub_plan');
    expect(subPlans).toHaveLength(31);
    for (const [num, [title, lead]] of Object.entries(SUB_PLANS_IN_DOMAIN_MD)) {
      const sector = subPlans.find((s) => s.subPlanNumber === Number(num));
      expect(sector && [sector.nameZh, sector.leadDepartmentZh]).toEqual([title, lead]);
      expect(sector?.leadDepartmentEn).toBeTruthy();
    }
  });

  it("holds all twelve of [000] §六's categories, as an entry or merged into the same-named sub-plan", () => {
    NATIONAL_CATEGORIES_000.forEach((name, i) => {
      const citation = `[000]§六(${NUMERALS[i]})`;
      const holders = sectors.filter((s) => s.source === citation || s.alsoListedIn.includes(citation));
      expect(holders.map((s) => s.nameZh)).toEqual([name]);
    });
  });

  it("holds [002]'s three scope categories", () => {
    for (const name of SCOPE_002) {
      const sector = sectors.find((s) => s.nameZh === name);
      expect(sector && (sector.source === '[002]' || sector.alsoListedIn.includes('[002]'))).toBe(true);
    }
  });

  it('counts 31 sub-plans + 11 separate national categories = 42 sectors', () => {
    expect(sectors.filter((s) => s.kind === 'national_plan_category')).toHaveLength(11);
    expect(sectors).toHaveLength(42);
  });

  it('does not guess lead departments for national categories: null with a note', () => {
    for (const s of sectors.filter((x) => x.kind === 'national_plan_category')) {
      expect([s.leadDepartmentZh, s.leadDepartmentEn]).toEqual([null, null]);
      expect(s.leadDepartmentNote).toMatch(/names no lead department/);
    }
  });

  it('keeps the example ids stable', () => {
    for (const id of ['mining', 'hazardous_chemicals', 'fire', 'road_transport']) {
      expect(sectors.map((s) => s.id)).toContain(id);
    }
  });

  it('carries the sector wording of domain.md §9 item 7', () => {
    const vocab = (id: string) => vocabularyFor(sectors.find((s) => s.id === id)!);
    expect(vocab('fire')).toEqual({ hazardTerm: '重大火灾隐患', closureTerm: '销案', interviewTerm: '约谈' });
    expect(vocab('civil_aviation')).toMatchObject({ hazardTerm: '重大安全隐患', interviewTerm: '约见' });
    expect(vocab('energy_power').hazardTerm).toBe('重大电力安全隐患');
    expect(vocab('agriculture_rural').closureTerm).toBe('对账销号');
    expect(vocab('customs').closureTerm).toBe('对账销号');
    expect(vocab('mining')).toEqual({ hazardTerm: '重大事故隐患', closureTerm: '销号', interviewTerm: '约谈' });
  });
});

describe('procedure catalog', () => {
  it('holds the six procedures with unique ids and unique step ids', () => {
    expect(checkProcedureCatalog(procedures)).toEqual([]);
    expect(procedures.map((p) => p.id)).toEqual([
      'listed_supervision',
      'interview',
      'rectification',
      'verification',
      'closure',
      'criminal_transfer',
    ]);
    for (const p of procedures) expect(new Set(p.steps.map((s) => s.id)).size).toBe(p.steps.length);
  });

  it('gives rectification exactly the timed steps report and recheck', () => {
    const rectification = procedures.find((p) => p.id === 'rectification')!;
    expect(timedSteps(rectification).map((s) => s.id)).toEqual(['report', 'recheck']);
    expect(rectification.steps.find((s) => s.id === 'report')?.caseDeadline).toBe(true);
  });

  it('says what starts every clock', () => {
    for (const p of procedures) for (const s of timedSteps(p)) expect(s.clockStartsAt).toBeTruthy();
  });

  it('models both branches after a refusal to file, and the filing tiers as alternatives', () => {
    const transfer = procedures.find((p) => p.id === 'criminal_transfer')!;
    const step = (id: string) => transfer.steps.find((s) => s.id === id);
    expect(step('direct_supervision_request')?.alternativeTo).toBe('reconsideration_request');
    expect(step('police_filing_decision_leads')?.alternativeTo).toBe('police_filing_decision');
    expect(step('police_filing_decision_complex')?.alternativeTo).toBe('police_filing_decision');
    expect(step('head_decision')?.actorRole).toBe('agency_head');
    expect(step('procuratorate_review')?.actorRole).toBe('procuratorate');
  });
});
