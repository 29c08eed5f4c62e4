import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'cases' })
export class CaseEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') title!: string;
  @Column('text') description!: string;
  @Column('text') source!: string;
  @Column('text') sector!: string;
  @Column('text') jurisdiction!: string;
  @Column('text', { name: 'hazard_grade' }) hazardGrade!: string;
  @Column('text', { name: 'enterprise_name' }) enterpriseName!: string;
  @Column('char', { name: 'enterprise_credit_code', length: 18 }) enterpriseCreditCode!: string;
  @Column('text') procedure!: string;
  @Column('text') step!: string;
  @Column('text') status!: 'open' | 'closed';
  @Column('timestamptz', { name: 'due_at', nullable: true }) dueAt!: Date | null;
  @Column('jsonb', { nullable: true }) deadline!: Record<string, unknown> | null;
  @Column('boolean') overdue!: boolean;
  @Column('integer') failures!: number;
  @Column('text', { name: 'assignee_id' }) assigneeId!: string;
  @Column('text', { name: 'opened_by' }) openedBy!: string;
  @Column('timestamptz', { name: 'opened_at' }) openedAt!: Date;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt!: Date | null;
  @Column('integer', { name: 'policy_version', nullable: true }) policyVersion!: number | null;
  @Column('text', { name: 'workflow_id' }) workflowId!: string;
  @Column('integer', { name: 'last_seq' }) lastSeq!: number;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
