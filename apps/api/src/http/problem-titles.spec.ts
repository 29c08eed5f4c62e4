import { localisedTitle, negotiateLanguage } from './problem-titles';

describe('problem titles', () => {
  it('speaks Chinese unless English is asked for first', () => {
    expect(negotiateLanguage(undefined)).toBe('zh-CN');
    expect(negotiateLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(negotiateLanguage('en-US,en;q=0.9')).toBe('en');
    expect(negotiateLanguage('fr, en;q=0.5')).toBe('en');
  });

  it('translates known titles and falls back by status', () => {
    expect(localisedTitle('Action not allowed in the current step', 409, 'zh-CN')).toBe('当前环节不允许此操作');
    expect(localisedTitle('Something new', 404, 'zh-CN')).toBe('未找到');
    expect(localisedTitle('Not Found', 404, 'en')).toBe('Not Found');
  });
});
