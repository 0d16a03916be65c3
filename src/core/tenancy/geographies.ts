/**
 * Microsoft 365 Multi-Geo location codes (domain.md §3). Microsoft adds locations over time;
 * this list is what the plan validator accepts, so a new code only needs a line here.
 */
export const MULTI_GEO_LOCATIONS = {
  APC: 'Asia-Pacific',
  AUS: 'Australia',
  BRA: 'Brazil',
  CAN: 'Canada',
  EUR: 'Europe / Middle East / Africa',
  FRA: 'France',
  DEU: 'Germany',
  IND: 'India',
  JPN: 'Japan',
  KOR: 'Korea',
  NAM: 'North America',
  NOR: 'Norway',
  ZAF: 'South Africa',
  SWE: 'Sweden',
  CHE: 'Switzerland',
  ARE: 'United Arab Emirates',
  GBR: 'United Kingdom',
} as const;

export type MultiGeoCode = keyof typeof MULTI_GEO_LOCATIONS;

/** The code a single-geo tenant uses for its only geography. */
export const SINGLE_GEO_CODE = 'default';

export const GEOGRAPHY_CODES: readonly string[] = [...Object.keys(MULTI_GEO_LOCATIONS).sort(), SINGLE_GEO_CODE];

export function isMultiGeoCode(code: string): code is MultiGeoCode {
  return Object.prototype.hasOwnProperty.call(MULTI_GEO_LOCATIONS, code);
}

export function geographyLabel(code: string): string {
  if (code === SINGLE_GEO_CODE) return 'Single geography';
  return isMultiGeoCode(code) ? `${code} (${MULTI_GEO_LOCATIONS[code]})` : code;
}
