import { checkProcedureCatalog, Procedure, ProcedureInput } from './procedure';
import { checkSectorCatalog, Sector, SectorInput, vocabularyFor } from './sector';

const sector = (overrides: Partial<SectorInput> = {}): SectorInput => ({
  id: 'mining',
  subPlanNumber: 30,
  nameZh: '矿山',
  nameEn: 'Mines',
  kind: 'sub_plan',
  source: '[004·矿山]',
  leadDepartmentZh: '国家矿山安监局',
  leadDepartmentEn: 'National Mine Safety Administration',
  ...overrides,
});

const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  r.success ? [] : r.error!.issues.map((i) => i.path.map(String).join('.'));

describe('Sector schema', () => {
  it('requires a note when the lead department is unknown', () => {
    expect(paths(Sector.safeParse(sector({ leadDepartmentZh: null, leadDepartmentEn: null })))).toEqual(['leadDepartmentNote']);
    expect(
      paths(Sector.safeParse(sector({ leadDepartmentZh: null, leadDepartmentEn: null, leadDepartmentNote: 'domain.md names none' }))),
    ).toEqual([]);
  });

  it('rejects non-slug ids and unknown vocabulary terms', () => {
    expect(paths(Sector.safeParse(sector({ id: '矿山' })))).toEqual(['id']);
    expect(paths(Sector.safeParse({ ...sector(), vocabulary: { closureTerm: { term: '注销', source: 'x' } } }))).toEqual([
      'vocabulary.closureTerm.term',
    ]);
  });

  it('applies vocabulary overrides over the defaults', () => {
    const fire = Sector.parse(sector({ vocabulary: { closureTerm: { term: '销案', source: '[004·消防]' } } }));
    expect(vocabularyFor(fire)).toEqual({ hazardTerm: '重大事故隐患', closureTerm: '销案', interviewTerm: '约谈' });
  });

  it('checkSectorCatalog finds duplicate ids, duplicate sub-plan numbers and dangling coveredBy', () => {
    const issues = checkSectorCatalog([
      Sector.parse(sector()),
      Sector.parse(sector({ nameZh: '又一个' })),
      Sector.parse(
        sector({
          id: 'coal_mines',
          kind: 'national_plan_category',
          subPlanNumber: undefined,
          source: '[000]§六(二)',
          coveredBy: ['nowhere'],
        }),
      ),
    ]);
    expect(issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['duplicate_id', '1.id'],
      ['duplicate_id', '1.subPlanNumber'],
      ['unknown_reference', '2.coveredBy.0'],
    ]);
  });
});

describe('Procedure schema', () => {
  const procedure = (steps: ProcedureInput['steps']): ProcedureInput => ({
    id: 'closure',
    nameZh: '销号',
    nameEn: 'Closure',
    endsIn: 'closed',
    steps,
  });

  it('requires clockStartsAt on timed steps and unique step ids', () => {
    const result = Procedure.safeParse(
      procedure([
        { id: 'approve', nameZh: '审批', nameEn: 'Approve', actorRole: 'supervisor', timed: true },
        { id: 'approve', nameZh: '审批', nameEn: 'Approve', actorRole: 'supervisor', timed: false },
      ]),
    );
    expect(paths(result)).toEqual(['steps.0.clockStartsAt', 'steps.1.id']);
  });

  it('requires alternatives to name an earlier step and a condition', () => {
    const result = Procedure.safeParse(
      procedure([
        { id: 'a', nameZh: '甲', nameEn: 'A', actorRole: 'police', timed: true, clockStartsAt: 'x', alternativeTo: 'b', condition: 'c' },
        { id: 'b', nameZh: '乙', nameEn: 'B', actorRole: 'police', timed: true, clockStartsAt: 'x', alternativeTo: 'a' },
      ]),
    );
    expect(paths(result)).toEqual(['steps.1.condition', 'steps.0.alternativeTo']);
  });

  it('checkProcedureCatalog reports missing procedures', () => {
    const only = Procedure.parse(procedure([{ id: 'archive', nameZh: '归档', nameEn: 'Archive', actorRole: 'system', timed: false }]));
    expect(checkProcedureCatalog([only]).map((i) => i.message)).toHaveLength(5);
  });
});
