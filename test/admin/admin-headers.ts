/** Identities the admin tests act as (headers until JWT arrives). 65 = 新疆, used by no other test file. */
/** A regional (provincial) administrator: drafts, local calendars under 65, migrations of cases under 65. */
export const ADMIN = { 'x-actor-id': 'admin-650000-001', 'x-actor-role': 'administrator', 'x-actor-jurisdiction': '650000' };
/** A national administrator (国家级管理员): the only one who may publish policy versions or change the calendar 'CN'. */
export const NATIONAL_ADMIN = { 'x-actor-id': 'admin-000000-001', 'x-actor-role': 'administrator', 'x-actor-jurisdiction': '000000' };
export const VIEWER = { 'x-actor-id': 'viewer-650102-001', 'x-actor-role': 'viewer', 'x-actor-jurisdiction': '650102' };
export const SUPERVISOR = { 'x-actor-id': 'supervisor-650102-001', 'x-actor-role': 'supervisor', 'x-actor-jurisdiction': '650102' };

export const pathsOf = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path);

export { officerIn } from '../support/http';
