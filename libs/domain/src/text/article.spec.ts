import { withArticle } from './article';

describe('withArticle', () => {
  it.each([
    ['officer', 'an officer'],
    ['agency_head', 'an agency_head'],
    ['administrator', 'an administrator'],
    ['extension', 'an extension'],
    ['interview', 'an interview'],
    ['supervisor', 'a supervisor'],
    ['viewer', 'a viewer'],
    ['suspension', 'a suspension'],
    ['closure', 'a closure'],
    ['user', 'a user'],
    ['Officer', 'an Officer'],
  ])('%s → %s', (word, expected) => {
    expect(withArticle(word)).toBe(expected);
  });
});
