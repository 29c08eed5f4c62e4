import { z } from 'zod';

/** 督办层级: who lists the hazard, and so whose supervisor may delist it. */
export const ListingLevel = z.enum(['national', 'province', 'city', 'county']);
export type ListingLevel = z.infer<typeof ListingLevel>;

export const LISTING_LEVEL_LABELS: Readonly<Record<ListingLevel, { zh: string; en: string }>> = {
  national: { zh: '国家级', en: 'national' },
  province: { zh: '省级', en: 'province' },
  city: { zh: '市级', en: 'city' },
  county: { zh: '县级', en: 'county' },
};

/**
 * The jurisdiction whose supervisor may delist (销号) a listing of `level` for a case in
 * `caseJurisdiction` (six-digit 行政区划 code): national → 000000, province → 14xxxx → 140000,
 * city → 1401xx → 140100, county → the case's own code. A case registered at a city or province
 * itself (140100) cannot be listed below that level; that is refused, not guessed.
 */
export function delistingJurisdiction(caseJurisdiction: string, level: ListingLevel): string {
  if (!/^\d{6}$/.test(caseJurisdiction)) throw new Error(`not a six-digit jurisdiction code: ${caseJurisdiction}`);
  const province = `${caseJurisdiction.slice(0, 2)}0000`;
  const city = `${caseJurisdiction.slice(0, 4)}00`;
  switch (level) {
    case 'national':
      return '000000';
    case 'province':
      return province;
    case 'city':
      if (caseJurisdiction === province) throw new Error(`a case of province ${caseJurisdiction} has no city level`);
      return city;
    case 'county':
      if (caseJurisdiction.endsWith('00')) throw new Error(`a case of ${caseJurisdiction} (a city or province) has no county level`);
      return caseJurisdiction;
  }
}

/** Whether `level` exists for a case in this jurisdiction (a city's own case has no county level). */
export function levelAvailable(caseJurisdiction: string, level: ListingLevel): boolean {
  try {
    delistingJurisdiction(caseJurisdiction, level);
    return true;
  } catch {
    return false;
  }
}
