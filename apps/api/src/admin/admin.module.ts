import { Module } from '@nestjs/common';
import { AdminCalendarsController } from './calendars/admin-calendars.controller';
import './calendars/admin-calendars.openapi';
import { CalendarReadsUseCase } from './calendars/calendar-reads.use-case';
import { EditCalendarEntriesUseCase } from './calendars/edit-calendar-entries.use-case';
import { SaveCalendarVersionUseCase } from './calendars/save-calendar-version.use-case';
import { AdminMigrationsController } from './migrations/admin-migrations.controller';
import './migrations/admin-migrations.openapi';
import { MigrationReadsUseCase } from './migrations/migration-reads.use-case';
import { OpenCasesQuery } from './migrations/open-cases.query';
import { PreviewPolicyUseCase } from './migrations/preview-policy.use-case';
import { StartMigrationUseCase } from './migrations/start-migration.use-case';
import { AdminPoliciesController } from './policies/admin-policies.controller';
import './policies/admin-policies.openapi';
import { CreatePolicyDraftUseCase } from './policies/create-policy-draft.use-case';
import { DeletePolicyDraftUseCase } from './policies/delete-policy-draft.use-case';
import { PolicyReadsUseCase } from './policies/policy-reads.use-case';
import { PublishPolicyUseCase } from './policies/publish-policy.use-case';
import { ReplacePolicyRulesUseCase } from './policies/replace-policy-rules.use-case';

/** The administrator API: deadline policies, working-day calendars, and moving running cases. */
@Module({
  controllers: [AdminPoliciesController, AdminCalendarsController, AdminMigrationsController],
  providers: [
    PolicyReadsUseCase,
    CreatePolicyDraftUseCase,
    ReplacePolicyRulesUseCase,
    PublishPolicyUseCase,
    DeletePolicyDraftUseCase,
    CalendarReadsUseCase,
    SaveCalendarVersionUseCase,
    EditCalendarEntriesUseCase,
    OpenCasesQuery,
    PreviewPolicyUseCase,
    StartMigrationUseCase,
    MigrationReadsUseCase,
  ],
})
export class AdminModule {}
