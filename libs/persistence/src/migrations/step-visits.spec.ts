import { DEADLINE_MISSED_EVENTS } from '@anjian/domain';
import { STEP_VISIT_MISSED_EVENTS } from './1734500000000-step-visits';

describe('the step-visit trigger (migration 1734500000000)', () => {
  it('knows the same deadline-missed events as the domain: a change there needs a new migration', () => {
    // The trigger's list is frozen in the migration; if this fails, write a migration that replaces
    // case_step_visit_record() with the new list and recomputes case_step_visits (stepVisitsFromEvents).
    expect([...STEP_VISIT_MISSED_EVENTS].sort()).toEqual([...DEADLINE_MISSED_EVENTS].sort());
  });
});
