import { methodLabel, routeLabel, UNMATCHED_ROUTE } from './route-label';

describe('routeLabel', () => {
  it('is the matched route template, never the raw URL', () => {
    expect(routeLabel({ route: { path: '/cases/:id/report' }, baseUrl: '' })).toBe('/cases/:id/report');
    expect(routeLabel({ route: { path: '/:version' }, baseUrl: '/admin/policies' })).toBe('/admin/policies/:version');
  });
  it('collapses every request no route matched into one label', () => {
    expect(routeLabel({})).toBe(UNMATCHED_ROUTE);
    expect(routeLabel({ route: { path: /regex/ } })).toBe(UNMATCHED_ROUTE);
  });
});

describe('methodLabel', () => {
  it('keeps the standard methods and folds anything else', () => {
    expect(methodLabel('post')).toBe('POST');
    expect(methodLabel('PROPFIND')).toBe('OTHER');
    expect(methodLabel(undefined)).toBe('OTHER');
  });
});
