/**
 * A word with its English indefinite article, for messages built from identifiers: 'an officer',
 * 'an extension', 'an agency_head', 'a supervisor'. By spelling, which holds for this domain's words
 * (roles, approval kinds, procedures); the few vowel-letter words said with a consonant (unit, user,
 * one) take 'a'.
 */
export function withArticle(word: string): string {
  const an = /^[aeiou]/i.test(word) && !/^(uni|use|usu|uti|eu|one\b|once\b)/i.test(word);
  return `${an ? 'an' : 'a'} ${word}`;
}
